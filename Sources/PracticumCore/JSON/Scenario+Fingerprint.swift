import Foundation

extension Scenario {
    /// A fingerprint of the case as it plays and scores: `sha256:` and the SHA-256 of its JSON form, compact
    /// with sorted keys. The `.scenario` text and its exported JSON share one fingerprint, and any edit that
    /// changes the case (a word of text, a quality, a target) changes it; comments and layout do not.
    ///
    /// Attempt files record it, and `replay` refuses an attempt whose case has changed since. (Should a
    /// future Foundation write that JSON differently, old attempts would be refused as changed, never
    /// accepted against another case.)
    public var fingerprint: String {
        "sha256:" + SHA256.hash(ScenarioDocument(self).encoded(pretty: false)).hex
    }
}
