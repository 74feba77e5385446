import Foundation

/// JSON that a person or a program reads, written so that no character `HiddenCharacters` covers appears
/// raw: control characters, DEL, the C1 controls, direction controls, invisible characters and the line
/// and paragraph separators are all written as `\u` escapes (characters past U+FFFF as their two
/// surrogate halves). The escapes lose nothing: a reader gets the same text back.
///
/// `quote` writes one string; `escapingHidden` takes JSON another writer made (`JSONEncoder`, which
/// escapes only the C0 controls) and escapes the rest. Outside strings JSON is ASCII, so every such
/// character it meets is inside a string and its escape is exact.
///
/// A lone surrogate cannot be in a Swift `String`; `JSONParser` refuses `\ud800` without its other half.
public enum JSONText {
    /// The text as a JSON string, in quotes.
    public static func quote(_ text: String) -> String {
        var out = ""
        appendQuoted(text, to: &out)
        return out
    }

    /// `quote(text)` added to the end of `out`.
    public static func appendQuoted(_ text: String, to out: inout String) {
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
        }
        out += "\""
        if plain == true {
            out += text
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where HiddenCharacters.kind(of: scalar) != nil: appendEscape(scalar, to: &out)
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// JSON text with every character the policy covers that is still raw written as an escape.
    public static func escapingHidden(_ json: String) -> String {
        guard HiddenCharacters.occur(in: json) else { return json }
        var out = ""
        out.reserveCapacity(json.utf8.count)
        // The text between escapes is copied a run at a time, not a scalar at a time: pretty JSON always has
        // line breaks, so every export comes this way (a 66 MB export took 7 s).
        let scalars = json.unicodeScalars
        var run = scalars.startIndex
        var index = run
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            // Line breaks and tabs outside strings are the writer's own layout; printable ASCII is never hidden.
            if scalar.value >= 0x7F, HiddenCharacters.kind(of: scalar) != nil {
                out += Substring(scalars[run..<index])
                appendEscape(scalar, to: &out)
                run = next
            }
            index = next
        }
        out += Substring(scalars[run..<scalars.endIndex])
        return out
    }

    private static func appendEscape(_ scalar: Unicode.Scalar, to out: inout String) {
        func hex(_ unit: UInt32) -> String {
            let digits = String(unit, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
        }
        if scalar.value > 0xFFFF {
            let value = scalar.value - 0x10000
            out += hex(0xD800 + (value >> 10)) + hex(0xDC00 + (value & 0x3FF))
        } else {
            out += hex(scalar.value)
        }
    }
}

extension JSONText {
    /// `escapingHidden` on UTF-8 JSON bytes.
    public static func escapingHidden(_ json: Data) -> Data {
        let text = String(decoding: json, as: UTF8.self)
        guard HiddenCharacters.occur(in: text) else { return json }
        return Data(escapingHidden(text).utf8)
    }
}
