/// What the strongest and the weakest options of a case sound like to a lazy reader, for the checker's
/// `vocabulary-tell` warning.
///
/// A scene counts when its choices do not all share one quality. In it, the strongest options are those of
/// the highest quality and the weakest those of the lowest. Across the scenes that count, the measures are
/// the professional words per option, and the share of options with a warning word or a question mark.
struct VocabularyTells {
    /// The measures of one group of options.
    struct Measures: Equatable {
        var options = 0
        var vocabulary = 0
        var withWarnings = 0
        var questions = 0

        /// Professional words per option.
        var vocabularyPerOption: Double { options == 0 ? 0 : Double(vocabulary) / Double(options) }
        /// The share of options with a warning word.
        var warningShare: Double { options == 0 ? 0 : Double(withWarnings) / Double(options) }
        /// The share of options that ask a question.
        var questionShare: Double { options == 0 ? 0 : Double(questions) / Double(options) }

        mutating func add(_ reading: NaiveReader.Reading) {
            options += 1
            vocabulary += reading.vocabulary
            if reading.warnings > 0 { withWarnings += 1 }
            if reading.isQuestion { questions += 1 }
        }
    }

    /// The number of scenes that count.
    private(set) var considered = 0
    /// The strongest options of the scenes that count.
    private(set) var strongest = Measures()
    /// The weakest options of the scenes that count.
    private(set) var weakest = Measures()

    /// The fewest scenes that make a tell worth a warning.
    static let minimumScenes = 4
    /// The most scenes read: a tell shows long before, and a generated case of thousands of scenes is
    /// loaded by every command, so it should not pay for reading them all.
    static let maximumScenes = 1_000

    init(scenes: [Scene], reader: NaiveReader) {
        for scene in scenes where scene.choices.count >= 2 && considered < Self.maximumScenes {
            let qualities = scene.choices.map(\.quality)
            guard let best = qualities.max(), let worst = qualities.min(), worst < best else { continue }
            considered += 1
            for choice in scene.choices where choice.quality == best || choice.quality == worst {
                let reading = reader.read(choice.text)
                if choice.quality == best { strongest.add(reading) } else { weakest.add(reading) }
            }
        }
    }

    /// The tells found, each described with both figures.
    var findings: [String] {
        guard considered >= Self.minimumScenes else { return [] }
        var found: [String] = []
        let strong = strongest.vocabularyPerOption
        let weak = weakest.vocabularyPerOption
        // Markedly more: at least half a word more per option, and half as much again.
        if strong - weak >= 0.5 && strong >= 1.5 * weak {
            found.append(
                "the strongest options carry \(Self.figure(strong)) professional words each, the weakest \(Self.figure(weak))")
        }
        if weakest.warningShare - strongest.warningShare >= 0.25 {
            found.append(
                "\(Self.percent(weakest.warningShare)) of the weakest options use a warning word such as 'just', 'only' or "
                    + "'promise', and \(Self.percent(strongest.warningShare)) of the strongest")
        }
        if strongest.questionShare - weakest.questionShare >= 0.35 {
            found.append(
                "\(Self.percent(strongest.questionShare)) of the strongest options ask a question, and "
                    + "\(Self.percent(weakest.questionShare)) of the weakest")
        }
        return found
    }

    private static func figure(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    private static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
}
