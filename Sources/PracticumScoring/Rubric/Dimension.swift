/// One of the five things the scoring model measures, each scored 0-100.
///
/// Dictionaries keyed by a dimension encode as JSON objects keyed by its name
/// (`{"practice": 80, ...}`), because the type is `CodingKeyRepresentable`.
public enum Dimension: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable, Comparable {
    /// How sound each action was at its moment: the authored `quality` of each choice.
    case practice
    /// Whether actions came in a defensible order and covered the cycle: the `phase` of each choice.
    case lifecycle
    /// Principles upheld and breached: `upholds` and `violates`.
    case ethics
    /// Whether the plan rests on the assessment: `reveals` and `addresses`.
    case planning
    /// Where the case ended: the ending's outcome.
    case outcome

    /// Dimensions order as they are listed: practice, lifecycle, ethics, planning, outcome.
    public static func < (lhs: Dimension, rhs: Dimension) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A level of performance, from the lowest to the highest.
public enum Level: String, Codable, Sendable, CaseIterable, Comparable, CodingKeyRepresentable {
    /// Below the Developing band (by default, an overall under 60), or any attempt with a critical breach.
    case emerging = "Emerging"
    /// By default an overall of 60-74.
    case developing = "Developing"
    /// By default an overall of 75-89.
    case competent = "Competent"
    /// By default an overall of 90 or more.
    case exemplary = "Exemplary"

    /// Levels order from Emerging (lowest) to Exemplary (highest).
    public static func < (lhs: Level, rhs: Level) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
