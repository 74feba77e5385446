import PracticumCore
import PracticumEngine

extension Engine {
    /// Plays the numbers in order from the start, continuing through continuation scenes as a student pressing Enter would.
    func play(_ numbers: [Int]) throws -> CaseState {
        var state = autoContinue(start().state).state
        for number in numbers {
            state = autoContinue(try choose(number: number, in: state).state).state
        }
        return state
    }

    /// The numbers and ids on offer, for compact expectations.
    func offered(in state: CaseState) -> [Int: ChoiceID] {
        Dictionary(uniqueKeysWithValues: availableChoices(in: state).map { ($0.number, $0.id) })
    }
}

extension ChoiceID {
    /// `ChoiceID` from a scene and the 1-based written position, as an author counts.
    static func at(_ scene: String, _ position: Int) -> ChoiceID {
        ChoiceID(scene: scene, index: position - 1)
    }
}
