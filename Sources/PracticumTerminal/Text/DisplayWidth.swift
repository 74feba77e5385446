/// The number of terminal columns a string occupies: the sum of ``displayWidth(of:)-swift.func`` over its characters.
public func displayWidth(of text: some StringProtocol) -> Int {
    // Most text is printable ASCII, one column a byte; only the rest needs its grapheme clusters.
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
    return text.reduce(0) { $0 + displayWidth(of: $1) }
}

/// The number of terminal columns a character (a grapheme cluster) occupies: 0, 1 or 2.
///
/// Emoji shown as pictures and East Asian wide or fullwidth characters take 2 columns;
/// a cluster made only of combining marks, format or control characters takes 0;
/// anything else takes 1. A base letter with combining accents counts as its base.
public func displayWidth(of character: Character) -> Int {
    if let ascii = character.asciiValue { return ascii >= 0x20 && ascii < 0x7F ? 1 : 0 }
    let scalars = character.unicodeScalars
    // One scalar of Latin-1 and Latin Extended (U+00A0-U+02FF): none is wide or an emoji shown as a picture,
    // and the only one of no width is the soft hyphen (a format character); read without Unicode's tables.
    if scalars.count == 1, let value = scalars.first?.value, value >= 0xA0, value < 0x300 { return value == 0xAD ? 0 : 1 }
    if scalars.contains(where: { $0.properties.isEmojiPresentation })
        || (scalars.contains { $0.value == 0xFE0F } && scalars.contains { $0.properties.isEmoji })
    {
        return 2
    }
    guard let base = scalars.first(where: { !isZeroWidth($0) }) else { return 0 }
    return isWide(base) ? 2 : 1
}

private func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format, .control: return true
    default: return (0xFE00...0xFE0F).contains(scalar.value)  // variation selectors
    }
}

/// East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth.txt, W and F, abridged).
private let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F,  // Hangul Jamo initials
    0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols
    0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
    0x3400...0x4DBF,  // CJK extension A
    0x4E00...0x9FFF,  // CJK unified ideographs
    0xA000...0xA4CF,  // Yi
    0xA960...0xA97F,  // Hangul Jamo extended A
    0xAC00...0xD7A3,  // Hangul syllables
    0xF900...0xFAFF,  // CJK compatibility ideographs
    0xFE10...0xFE19,  // vertical forms
    0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
    0xFF00...0xFF60,  // fullwidth forms
    0xFFE0...0xFFE6,  // fullwidth signs
    0x1B000...0x1B2FF,  // Kana supplement and extensions
    0x20000...0x2FFFD,  // CJK extensions B to F
    0x30000...0x3FFFD,  // CJK extension G and beyond
]

private func isWide(_ scalar: Unicode.Scalar) -> Bool {
    wideRanges.contains { $0.contains(scalar.value) }
}
