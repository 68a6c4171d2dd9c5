import SiftMatcher

/// A deterministic set of a few hundred rules of the shapes secret-detection and DLP rules have,
/// for benchmarking the matcher independently of the built-in packs (which change): provider
/// prefixes with bounded bodies, keyword-anchored assignments, structural secrets (keys, JWTs,
/// URLs with credentials), PII, and a few rules the extractor cannot filter.
public enum BenchRules {
    static let knownPrefixes = [
        "AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "glptt-", "gldt-", "xoxb-",
        "xoxp-", "xoxa-", "xoxr-", "xoxe-", "xapp-", "sk_live_", "rk_live_", "pk_live_", "sk_test_", "SG.", "AIza",
        "ya29.", "npm_", "pypi-AgEIcHlwaS5vcmc", "dckr_pat_", "hf_", "sk-ant-api03-", "sk-proj-", "glsa_", "glc_",
        "NRAK-", "shpat_", "shpss_", "shpca_", "sq0atp-", "sq0csp-", "EAAA", "dop_v1_", "ATATT3xFfGF0", "AKID", "LTAI",
        "dapi", "pscale_pw_", "pscale_tkn_", "lin_api_", "ntn_", "secret_", "rubygems_", "oy2", "figd_", "SK", "AC",
        "key-", "pat", "sl.", "EAACEdEose0cBA", "AGE-SECRET-KEY-1", "doo_v1_", "dt0c01.", "fio-u-", "flb_", "FLWSECK-",
        "glcbt-", "gloas-", "grafana_", "hvs.", "hvb.", "mfa.", "nfp_", "ops_", "phc_", "phx_", "pnu_", "rdme_",
        "s.", "sntrys_", "sgp_", "tfp_", "tskey-", "ZG9j", "xkeysib-", "yt-", "whsec_",
    ]

    public static func rules(count: Int = 300, seed: UInt64 = 7) -> [RuleSpec] {
        var random = SplitMix64(seed: seed)
        var out: [RuleSpec] = []
        func add(_ pattern: String, caseless: Bool = false) {
            out.append(RuleSpec(name: "BENCH_\(out.count)", pattern: pattern, caseless: caseless))
        }
        let bodies = ["[A-Za-z0-9]", "[A-Za-z0-9_-]", "[A-Z2-7]", "[a-f0-9]", "[A-Za-z0-9+/]", "[0-9a-zA-Z]"]
        // Provider prefixes: known ones, then random rare ones to make up the count.
        // Everything but the keyword-anchored (20 %), structural and unfiltered rules is a prefix rule.
        var prefixes = knownPrefixes
        while prefixes.count < count - count * 2 / 10 - 20 {
            prefixes.append(random.string(Alphabet.lower + Alphabet.digits, count: random.int(3...5))
                + random.pick(["_", "-", "."]))
        }
        for prefix in prefixes {
            let escaped = prefix.replacingDots()
            let length = random.int(16...48)
            add(#"\b\#(escaped)\#(random.pick(bodies)){\#(length),\#(length + random.int(0...8))}\b"#)
        }
        let vendors = ["aws", "azure", "gcp", "slack", "stripe", "twilio", "datadog", "sentry", "mailgun", "sendgrid",
                       "okta", "auth0", "heroku", "netlify", "vercel", "cloudflare", "digitalocean", "linode",
                       "pagerduty", "jira", "confluence", "bitbucket", "jenkins", "sonar", "snyk", "artifactory",
                       "nexus", "vault", "consul", "rabbitmq", "kafka", "redis", "mongo", "elastic", "splunk"]
        let nouns = ["secret", "key", "token", "password", "api_key", "client_secret", "access_token", "auth"]
        for _ in 0..<(count * 2 / 10) {
            add(#"(?:\#(random.pick(vendors)))[\w.-]{0,20}(?:\#(random.pick(nouns))|\#(random.pick(nouns)))[\w.-]{0,10}\s{0,3}[:=]\s{0,3}["']?([A-Za-z0-9/+_.=-]{16,64})"#,
                caseless: true)
        }
        // Structural secrets and PII.
        let structural = [
            #"-----BEGIN (?:RSA |DSA |EC |OPENSSH |ENCRYPTED |)PRIVATE KEY-----[A-Za-z0-9+/=\s]{64,8192}-----END"#,
            #"\beyJ[A-Za-z0-9_-]{10,512}\.eyJ[A-Za-z0-9_-]{10,2048}\.[A-Za-z0-9_-]{10,512}"#,
            #"\b[a-z][a-z0-9+.-]{1,15}://[^\s:@/]{1,64}:([^\s:@/]{3,64})@[A-Za-z0-9.-]{1,255}"#,
            #"(?i)jdbc:[a-z]{2,12}://[^\s;]{1,200};[^\s]{0,200}password=([^;\s]{4,64})"#,
            #"(?i)\bpassword\s{0,3}[:=]\s{0,3}["']?([^\s"']{8,64})"#,
            #"(?i)\b(?:secret|passwd|pwd)\s{0,3}[:=]\s{0,3}["']?([^\s"']{8,64})"#,
            #"\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}\.[A-Za-z]{2,12}\b"#,
            #"\b4[0-9]{3}(?:[ -]?[0-9]{4}){3}\b"#,
            #"\b5[1-5][0-9]{2}(?:[ -]?[0-9]{4}){3}\b"#,
            #"\b3[47][0-9]{2}[ -]?[0-9]{6}[ -]?[0-9]{5}\b"#,
            #"\b(?!000|666|9)[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}\b"#,
            #"\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){3,7}\b"#,
            #"\+[1-9][0-9]{7,14}\b"#,
            #"(?i)DefaultEndpointsProtocol=https?;AccountName=[a-z0-9]{3,24};AccountKey=[A-Za-z0-9+/]{86}=="#,
            #"https://hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}"#,
            #"https://discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,80}"#,
            #"\b[0-9]{8,10}:AA[A-Za-z0-9_-]{33}\b"#,
            #"(?i)(?:mongodb(?:\+srv)?|redis|amqp)://[^\s:@/]{1,64}:([^\s:@/]{3,64})@"#,
        ]
        for pattern in structural { add(pattern) }
        // Rules the extractor cannot filter or only gate (the cost centre).
        for pattern in [#"\b[A-Z]{3}-[a-z]{3}\b"#, #"(?i)\b(?:pass|pw)[a-z]*\s*=\s*\S+"#] {
            add(pattern)
        }
        return out
    }
}

extension String {
    fileprivate func replacingDots() -> String {
        var out = ""
        for c in self {
            if ".+*?()[]{}|^$\\".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
