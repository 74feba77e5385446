import PracticumCore

/// Where the chains of continuation scenes lead, worked out once per case: play (`Engine`) and exploration
/// (`ExplorationKernel`, `StateExplorer`) read them here rather than following `-> NAME` each on their own.
///
/// A continuation scene is one that is not an ending, has no choices and names a scene with `-> NAME`. Its
/// chain is the scene and each continuation scene after it; the chain *leads out* when it reaches a scene of
/// the case that is not a continuation scene (where a play comes to rest), and otherwise loops or names a
/// scene the case does not have (a play there is stuck). Each scene is followed once, so working this out is
/// linear in the case.
struct ContinuationChains: Sendable {
    /// For each continuation scene whose chain leads out, the scene it continues to.
    let onward: [String: String]
    /// For each continuation scene whose chain leads out, the scene the chain comes to rest in.
    let landing: [String: String]
    /// The continuation scenes whose chains lead out, each after the one it continues to: a property of a
    /// chain that builds on the scene after it is worked out in one pass in this order.
    let restingFirst: [String]
    /// The continuation scenes whose chains loop or name a missing scene.
    let looping: Set<String>

    /// Works out every continuation chain of the case.
    init(scenario: Scenario) {
        func continues(_ scene: Scene) -> Bool { !scene.isEnding && scene.choices.isEmpty && scene.next != nil }
        var onward: [String: String] = [:]
        var landing: [String: String] = [:]
        var restingFirst: [String] = []
        var looping: Set<String> = []
        for start in scenario.scenes where continues(start) && landing[start.name] == nil && !looping.contains(start.name) {
            var chain: [Scene] = []
            var onChain: Set<String> = []
            var current = start
            // Where the chain rests, or nil when it loops or names a missing scene.
            var rest: String?
            while true {
                if let known = landing[current.name] {
                    rest = known
                    break
                }
                if looping.contains(current.name) { break }
                guard continues(current) else {
                    rest = current.name
                    break
                }
                guard onChain.insert(current.name).inserted else { break }
                chain.append(current)
                guard let next = current.next, let following = scenario.scene(named: next) else { break }
                current = following
            }
            for scene in chain.reversed() {
                if let rest {
                    onward[scene.name] = scene.next
                    landing[scene.name] = rest
                    restingFirst.append(scene.name)
                } else {
                    looping.insert(scene.name)
                }
            }
        }
        self.onward = onward
        self.landing = landing
        self.restingFirst = restingFirst
        self.looping = looping
    }

    /// Whether the scene is a continuation scene whose chain leads out (a play there continues).
    func leadsOut(_ scene: String) -> Bool { landing[scene] != nil }
}
