import PracticumCore

/// Scenarios for the engine tests, built from the model's initialisers (no parser involved).
enum Cases {
    static func header(_ id: String) -> Header {
        Header(title: "Test case \(id)", id: id, language: "en", level: "micro")
    }

    static func line(_ text: String, if condition: Condition? = nil) -> TextLine {
        TextLine(condition: condition, text: text)
    }

    /// `trust >= N`.
    static func trust(atLeast number: Int) -> Condition {
        .comparison(.variable("trust"), .greaterOrEqual, .literal(.int(number)))
    }

    /// Maria and the eviction notice, in small: requires, once, reveals and addresses,
    /// continuation scenes and two endings, plus a scene no path reaches.
    static let maria = Scenario(
        header: header("maria"),
        findings: [
            Finding(id: "eviction", text: "Eviction hearing in 12 days"),
            Finding(id: "sister", text: "Her sister can host the family"),
            Finding(id: "low-mood", text: "Poor sleep for three weeks"),
        ],
        variables: [
            Variable(name: "trust", initial: .int(1)),
            Variable(name: "called", initial: .bool(false)),
        ],
        scenes: [
            Scene(
                name: "intake",
                paragraphs: [
                    [
                        line("Maria sits at the edge of her chair."),
                        line("She meets your eyes.", if: trust(atLeast: 2)),
                    ],
                    [line("Only when trusted.", if: trust(atLeast: 5))],
                    [line("Trust is {trust}; {nobody} stays {as written"), line("and {{trust}} too.")],
                ],
                choices: [
                    Choice(
                        text: "Introduce yourself and the limits of confidentiality.", phase: "engagement",
                        quality: 2, upholds: ["informed-consent"],
                        updates: [Assignment(variable: "trust", operation: .add(1))],
                        feedback: "Naming the limits up front is informed consent in practice.", target: "story"
                    ),
                    Choice(
                        text: "Call the landlord right now.", phase: "implementation", quality: -2,
                        violates: [Violation(principle: "self-determination", severity: .major)],
                        updates: [
                            Assignment(variable: "called", operation: .assign(.bool(true))),
                            Assignment(variable: "trust", operation: .add(-2)),
                        ],
                        target: "landlord-call"
                    ),
                    Choice(
                        text: "Ask how she has been sleeping.", phase: "assessment", quality: 1,
                        reveals: ["low-mood"], requires: trust(atLeast: 2), target: "story"
                    ),
                ]
            ),
            Scene(
                name: "story",
                paragraphs: [[line("She tells you about the notice.")]],
                choices: [
                    Choice(
                        text: "Ask about the rent.", phase: "assessment", quality: 2, reveals: ["eviction"],
                        updates: [Assignment(variable: "trust", operation: .add(1))], once: true, target: "story"
                    ),
                    Choice(
                        text: "Ask who she can count on.", phase: "assessment", quality: 2,
                        reveals: ["sister", "eviction"], once: true, target: "story"
                    ),
                    Choice(
                        text: "Plan the housing steps together.", phase: "planning", quality: 2,
                        addresses: ["eviction", "sister", "eviction"], requires: .revealed("eviction"),
                        target: "summary"
                    ),
                    Choice(text: "Wrap up quickly.", phase: "termination", quality: -1, target: "walkout"),
                ]
            ),
            Scene(name: "summary", paragraphs: [[line("You summarise the plan.")]], next: "closing"),
            Scene(name: "closing", ending: "goals-met", paragraphs: [[line("Maria leaves with a plan.")]]),
            Scene(name: "landlord-call", paragraphs: [[line("The landlord hangs up.")]], next: "walkout"),
            Scene(name: "walkout", ending: "disengaged", paragraphs: [[line("Maria does not come back.")]]),
            Scene(name: "orphan", paragraphs: [[line("No path leads here.")]], next: "closing"),
        ],
        start: "intake",
        // The case asks whether intake and story were visited, so states record those visits.
        expectations: [
            Expectation(
                name: "met-her", severity: .minor, condition: .and(.visited("intake"), .visited("story")),
                because: "She is met and heard before anything else.")
        ]
    )

    /// A case whose second scene offers only a choice that can never be taken.
    static let softLock = Scenario(
        header: header("soft-lock"),
        findings: [],
        variables: [Variable(name: "ready", initial: .bool(false))],
        scenes: [
            Scene(
                name: "door",
                choices: [
                    Choice(text: "Knock.", phase: "engagement", quality: 0, target: "hall"),
                    Choice(text: "Leave.", phase: "termination", quality: 0, target: "gone"),
                ]
            ),
            Scene(
                name: "hall",
                choices: [
                    Choice(
                        text: "Go in.", phase: "engagement", quality: 0, requires: .variable("ready"), target: "gone")
                ]
            ),
            Scene(name: "gone", ending: "disengaged"),
        ],
        start: "door"
    )

    /// A case that starts with two continuation scenes, then one whose continuations only loop.
    static let continuations = Scenario(
        header: header("continuations"),
        findings: [],
        variables: [],
        scenes: [
            Scene(name: "opening", paragraphs: [[line("It is Monday.")]], next: "waiting-room"),
            Scene(name: "waiting-room", paragraphs: [[line("The room is full.")]], next: "office"),
            Scene(
                name: "office",
                choices: [
                    Choice(text: "Follow the corridor.", phase: "engagement", quality: 0, target: "loop-a"),
                    Choice(text: "Go home.", phase: "termination", quality: 0, target: "home"),
                ]
            ),
            Scene(name: "loop-a", next: "loop-b"),
            Scene(name: "loop-b", next: "loop-a"),
            Scene(name: "home", ending: "partial"),
        ],
        start: "opening"
    )

    /// A hub with two `once` questions, a counter that stops at 2, and two ways out:
    /// 12 states at the hub (which questions were asked x the counter), 3 at the
    /// good ending and 12 at the bad one.
    static let hub = Scenario(
        header: header("hub"),
        findings: [Finding(id: "work", text: "Lost her job"), Finding(id: "school", text: "Son missing school")],
        variables: [Variable(name: "n", initial: .int(0))],
        scenes: [
            Scene(
                name: "hub",
                paragraphs: [[line("You have listened {n} times.")]],
                choices: [
                    Choice(
                        text: "Ask about work.", phase: "assessment", quality: 1, reveals: ["work"], once: true,
                        target: "hub"),
                    Choice(
                        text: "Ask about school.", phase: "assessment", quality: 1, reveals: ["school"], once: true,
                        target: "hub"
                    ),
                    Choice(
                        text: "Listen.", phase: "engagement", quality: 1,
                        requires: .comparison(.variable("n"), .less, .literal(.int(2))),
                        updates: [Assignment(variable: "n", operation: .add(1))], target: "hub"
                    ),
                    Choice(
                        text: "Agree on a plan.", phase: "planning", quality: 2, addresses: ["work", "school"],
                        requires: .and(.revealed("work"), .revealed("school")), target: "good"
                    ),
                    Choice(text: "End the session.", phase: "termination", quality: -1, target: "bad"),
                ]
            ),
            Scene(name: "good", ending: "goals-met"),
            Scene(name: "bad", ending: "disengaged"),
            Scene(name: "never", ending: "harm"),
        ],
        start: "hub"
    )

    /// A loop whose counter grows without bound: infinitely many states.
    static let unbounded = counterLoop("unbounded", readsCounter: true)

    /// The same loop, but nothing reads the counter: two states in all.
    static let unboundedUnread = counterLoop("unbounded-unread", readsCounter: false)

    /// A scene that loops back to itself raising a counter, or stops; `readsCounter` puts `n >= 0` on the loop.
    static func counterLoop(_ id: String, readsCounter: Bool) -> Scenario {
        Scenario(
            header: header(id),
            findings: [],
            variables: [Variable(name: "n", initial: .int(0))],
            scenes: [
                Scene(
                    name: "loop",
                    choices: [
                        Choice(
                            text: "Again.", phase: "engagement", quality: 0,
                            requires: readsCounter ? .comparison(.variable("n"), .greaterOrEqual, .literal(.int(0))) : nil,
                            updates: [Assignment(variable: "n", operation: .add(1))], target: "loop"
                        ),
                        Choice(text: "Stop.", phase: "termination", quality: 0, target: "end"),
                    ]
                ),
                Scene(name: "end", ending: "partial"),
            ],
            start: "loop"
        )
    }

    /// Variables near the ends of `Int`, for overflow-safe updates, and one typed update that cannot apply.
    static let extremes = Scenario(
        header: header("extremes"),
        findings: [],
        variables: [
            Variable(name: "high", initial: .int(Int.max - 1)),
            Variable(name: "low", initial: .int(Int.min + 1)),
            Variable(name: "flag", initial: .bool(true)),
        ],
        scenes: [
            Scene(
                name: "start",
                choices: [
                    Choice(
                        text: "Push everything.", phase: "engagement", quality: 0,
                        updates: [
                            Assignment(variable: "high", operation: .add(5)),
                            Assignment(variable: "low", operation: .add(-5)),
                            Assignment(variable: "flag", operation: .assign(.bool(true))),
                            Assignment(variable: "flag", operation: .assign(.int(3))),
                            Assignment(variable: "flag", operation: .add(1)),
                            Assignment(variable: "missing", operation: .add(1)),
                        ],
                        target: "start"
                    ),
                    Choice(text: "Go nowhere.", phase: "engagement", quality: 0, target: "nowhere"),
                ]
            )
        ],
        start: "start"
    )
}
