/// Stable identities for findings, safe to write where the secret itself must not appear.
public enum Fingerprint {
    /// The fingerprint of a secret under a rule: the first 32 hex digits of
    /// SHA-256(`ruleName` ‖ 0x00 ‖ `secret`). The same secret found by the same rule anywhere, in
    /// any version, has the same fingerprint; it reveals nothing of the secret.
    public static func of(ruleName: String, secret: String) -> String {
        var input = Array(ruleName.utf8)
        input.append(0)
        input.append(contentsOf: secret.utf8)
        return String(SHA256.hexDigest(input).prefix(32))
    }
}
