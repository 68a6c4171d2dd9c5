import SiftCore

/// Which rules are on, at what severity, and the user's custom rules: the state the Confluence
/// app's REST API manages (`PUT rules/built-in/{name}?enabled=`, `POST rules/custom`).
public struct Policy: Sendable, Hashable {
    /// Pattern and object ids switched off.
    public var disabled: Set<String>
    /// Severities that replace a rule's own.
    public var severityOverrides: [String: Severity]
    /// Custom rules, exactly as the REST API takes them.
    public var customRules: [CustomRuleDefinition]

    public init(disabled: Set<String> = [], severityOverrides: [String: Severity] = [:],
                customRules: [CustomRuleDefinition] = [])
    {
        self.disabled = disabled
        self.severityOverrides = severityOverrides
        self.customRules = customRules
    }
}

/// A custom rule as the Confluence app's REST API takes it: `{"name": …, "regexp": …, "enabled": …}`.
/// It compiles through the same path as a built-in pattern: a pattern with one regex, severity
/// medium, category `custom`, the whole match as the secret.
public struct CustomRuleDefinition: Sendable, Hashable, Codable {
    public var name: String
    public var regexp: String
    public var enabled: Bool

    public init(name: String, regexp: String, enabled: Bool = true) {
        self.name = name
        self.regexp = regexp
        self.enabled = enabled
    }

    /// The pattern this rule compiles to.
    public var pattern: DataPattern {
        DataPattern(id: name, name: name, description: "Custom rule", category: "custom", severity: .medium,
                    regexes: [regexp], location: SourceLocation(rule: name))
    }
}
