extension DiagnosticCode {
    /// The entry of a code that is a warning; nil for an error.
    var warningEntry: DiagnosticCatalogueEntry? {
        switch self {
        case .unusedVariable:
            return Entry(
                code: self, title: "a variable nothing reads",
                explanation: "a variable no condition, update-free read or `{name}` ever reads",
                example: "`var spare = 1` never used",
                fix: "Read it in a condition or in text, or remove the 'var' line.")
        case .unrevealedFinding:
            return Entry(
                code: self, title: "a finding no choice reveals",
                explanation: "a finding no choice reveals",
                example: "`finding hidden: ...` never in `reveals:`",
                fix: "Add 'reveals:' for it to a choice, or remove the finding.")
        case .goalNeverRevealed:
            return Entry(
                code: self, title: "a finding addressed but never revealed",
                explanation: "a finding is planned for (`addresses`) but no choice reveals it",
                example: "`addresses: f` with no `reveals: f` anywhere",
                fix: "Add 'reveals:' for it to a choice before the one that addresses it.")
        case .unaddressableFinding:
            return Entry(
                code: self, title: "a need or risk that can be found but never addressed",
                explanation: "a need or a `[risk]` that some choice reveals but no choice addresses: a student who finds it can never put it in the plan, and a risk found stays open whatever the student does. The note points at a choice that reveals it. A `[strength]` is not reported: the plan may build on a strength, but one that stays a case note costs nothing",
                example: "`finding rifle [risk]: ...` with `reveals: rifle` and no `addresses: rifle` anywhere",
                fix: "Add 'addresses:' for it to a choice a student can take after finding it.")
        case .unreachableScene:
            return Entry(
                code: self, title: "a scene no play can get to",
                explanation: "no chain of choices and `->` leads to the scene from the start",
                example: "a scene nothing points to",
                fix: "Add a '->' or a choice that leads to it, or remove the scene.")
        case .noGoalsMetEnding:
            return Entry(
                code: self, title: "no ending where the goals are met",
                explanation: "the case has endings but none with outcome `goals-met`",
                example: "only `[ending: partial]`",
                fix: "Mark at least one ending '[ending: goals-met]'.")
        case .answerTell:
            return Entry(
                code: self, title: "the best option is given away by its length or place",
                explanation: "in at least 60% of the scenes with three or more choices (and at least four such scenes), the best choice is the longest, or sits at the same written place (counted from the first or from the last): a student could score well without reading",
                example: "the best option written first in every scene",
                fix: "Vary where the best option stands and how long it is.")
        case .impossibleChoice:
            return Entry(
                code: self, title: "a choice whose requires: never holds",
                explanation: "(exploration) a choice whose `requires` never holds in any reachable state",
                example: "`requires: ready` where nothing sets `ready`",
                fix: "Change the condition, or set what it needs somewhere a play passes.")
        case .unreachableEnding:
            return Entry(
                code: self, title: "an ending no play can reach",
                explanation: "(exploration) an ending no play can reach",
                example: "an ending behind a choice that is never on offer",
                fix: "Make a choice that leads to it possible, or remove the ending.")
        case .softLock:
            return Entry(
                code: self, title: "a play can get stuck with nothing on offer",
                explanation: "(exploration) a reachable state with no choice on offer",
                example: "a scene whose only choice needs a key nobody gives",
                fix: "Give the scene a choice that is always on offer, or a '->' line.")
        case .explorationLimit:
            return Entry(
                code: self, title: "too many states to explore",
                explanation: "(exploration) the case has more states than the explorer visits, so the other exploration checks were skipped",
                example: "a counter raised around a loop and read by a `requires:`",
                fix: "Bound the variables that grow (the message names them), or raise --explore-limit.")
        case .vacuousExpectation:
            return Entry(
                code: self, title: "an expectation every play meets",
                explanation: "(exploration) every play that reaches an ending meets the expectation, or never meets its situation: it tests nothing",
                example: "`expect e (minor): visited(start)`",
                fix: "Make the expectation test something a student can fail, or remove it.")
        case .unstatedSituation:
            return Entry(
                code: self, title: "an expectation that holds only because its situation never arose",
                explanation: "(exploration) an expectation written as \"not A or B\" without `when:` holds at some ending only because A never happened, so the debrief would tick its objective for a situation that never arose; the hint gives the same expectation written with `when: A`",
                example: "`expect asked (critical): not visited(remark) or asked`",
                fix: "Write the situation as 'when:' (the hint gives the expectation written that way).")
        case .situationNeverArises:
            return Entry(
                code: self, title: "an expectation whose when: situation never arises",
                explanation: "(exploration) no ending makes the expectation's `when:` situation true, so no attempt is ever held to it",
                example: "`when: visited(a-scene-no-play-reaches)`",
                fix: "Change the 'when:' condition to a situation some play reaches, or remove the expectation.")
        case .riskNeverSafe:
            return Entry(
                code: self, title: "a risk that no ending leaves safe",
                explanation: "(exploration) some play reveals the risk, but no ending where it is revealed leaves it safe (by its `safe when:`, or in the plan when it has none), so every such attempt is marked for review",
                example: "`safe when: rifle-locked` where nothing sets `rifle-locked`",
                fix: "Make the 'safe when:' condition reachable, or let a choice address the risk.")
        case .vocabularyTell:
            return Entry(
                code: self, title: "the best options sound better to a lazy reader",
                explanation: "over at least four scenes whose options differ in quality (the first 1,000 such scenes of a larger case), the strongest options sound stronger to a lazy reader than the weakest: at least half a professional word more per option (and half as much again), or a warning word such as \"just\", \"only\", \"promise\" (hanya, saja, janji) in 25 points more of the weakest than of the strongest, or a question in 35 points more of the strongest; the message gives both figures",
                example: "the right option always \"explores\", \"supports\" and asks; the wrong one \"just\" tells",
                fix: "Write the weaker options in the same professional words and tone as the stronger ones.")
        case .gameable:
            return Entry(
                code: self, title: "a policy that skips the case still scores Competent",
                explanation: "(played) a blind or naive policy of `simulate` reaches Competent at the median over 25 runs; the message names the policy and its median",
                example: "the best option always the longest",
                fix: "Make the best option vary in length and place, and make weak options cost more.")
        case .missingContentWarning:
            return Entry(
                code: self, title: "sensitive topics without a content warning",
                explanation: "the case's words (scene text, choices, feedback, findings) name suicide, self-harm, abuse or violence, in English or Indonesian, and the header has no `content-warning:` line; the message names each topic and the word that named it",
                example: "\"He has thought about suicide\" (or \"Ibu Sri mengalami KDRT\") with no `content-warning:`",
                fix: "Add a 'content-warning:' header line naming the topics.")
        case .oneSidedDilemma:
            return Entry(
                code: self, title: "a dilemma with only one best answer",
                explanation: "a scene says `dilemma:` but fewer than two of its choices share its highest quality with no `violates:`: the model could not credit both answers",
                example: "`dilemma:` over a +2 choice and a +1 choice",
                fix: "Give at least two choices the scene's highest quality with no 'violates:', or remove 'dilemma:'.")
        case .scoringLimit:
            return Entry(
                code: self, title: "the scoring search stopped at its limit",
                explanation: "(played) the scoring search behind every score stopped at the rubric's `explorationLimit` (200,000 states by default): the best path may be missed, so an attempt could score Exemplary against a best it never saw; `simulate --strict` fails too",
                example: "a case that reads many variables where it ends, each multiplying the states",
                fix: "Make the case smaller where it ends (fewer variables read there), or raise the rubric's explorationLimit.")
        case .reflectNeverAsked:
            return Entry(
                code: self, title: "a reflect: question that is never asked",
                explanation: "a `reflect:` question on a scene with no choices (a continuation or an ending): it is asked before choosing, so it never is",
                example: "`reflect: Why?` in a scene that ends with `-> next`",
                fix: "Move 'reflect:' to a scene with choices.")
        case .invisibleCharacter:
            return Entry(
                code: self, title: "an invisible or direction-changing character in the text",
                explanation: "a bidirectional control (U+202A-U+202E, U+2066-U+2069) or an invisible character (U+200B-U+200F, U+2060, U+FEFF) in a line of the case: it can reorder or hide what the author, a reviewer or a student reads, so text that looks harmless may say something else. The message names the line, the column and the code point; the first 20 in a file are reported one by one, and the 21st also says how many more follow it",
                example: "a choice whose text holds U+202E (RIGHT-TO-LEFT OVERRIDE)",
                fix: "Delete the character, or replace it with what was meant (a space, a hyphen).")
        default:
            return nil
        }
    }
}
