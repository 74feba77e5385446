/// Where the strongest option of a case's scenes sits, for the checker's `answer-tell` warning.
///
/// A scene counts when it has three or more written choices that do not all share one quality.
/// In it, the best choices are those of the highest quality. The scene "tells by length" when a
/// best choice is among its longest, and "tells by place" at every place a best choice sits,
/// counted both from the first choice and from the last.
struct AnswerTells {
    /// The number of scenes that count.
    private(set) var considered = 0
    /// The scenes where a best choice is the longest.
    private(set) var longestScenes: [String] = []
    /// For each place (1, 2, ... from the first; -1, -2, ... from the last), the scenes with a best choice there.
    private(set) var places: [Int: [String]] = [:]

    init(scenes: [Scene]) {
        for scene in scenes where scene.choices.count >= 3 {
            let choices = scene.choices
            let qualities = choices.map(\.quality)
            guard let best = qualities.max(), let worst = qualities.min(), worst < best else { continue }
            considered += 1
            // Length in Unicode scalars: what a reader sees as length, without the cost of grapheme breaking.
            let lengths = choices.indices.map { choices[$0].text.unicodeScalars.count }
            let longest = lengths.max() ?? 0
            if choices.indices.contains(where: { lengths[$0] == longest && qualities[$0] == best }) {
                longestScenes.append(scene.name)
            }
            // Each place counted once per scene: from the first (1, 2, ...) and from the last (-1, -2, ...).
            for index in choices.indices where qualities[index] == best {
                places[index + 1, default: []].append(scene.name)
                places[index - choices.count, default: []].append(scene.name)
            }
        }
    }

    /// The place where the best choice sits most often, described ("written first", "written last",
    /// "written third"), with its scenes; ties go to the place nearest the first choice.
    var commonestPlace: (description: String, scenes: [String])? {
        let ranked = places.sorted { lhs, rhs in
            if lhs.value.count != rhs.value.count { return lhs.value.count > rhs.value.count }
            return Self.rank(lhs.key) < Self.rank(rhs.key)
        }
        guard let top = ranked.first else { return nil }
        return (Self.describe(top.key), top.value)
    }

    private static func rank(_ place: Int) -> Int {
        place > 0 ? 2 * place : -2 * place + 1
    }

    /// "written first", "written second from last", ...
    static func describe(_ place: Int) -> String {
        let ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
        if place == -1 { return "written last" }
        let number = abs(place)
        let ordinal = number <= ordinals.count ? ordinals[number - 1] : "\(number)th"
        return place > 0 ? "written \(ordinal)" : "written \(ordinal) from last"
    }
}
