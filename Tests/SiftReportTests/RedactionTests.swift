import SiftCore
import SiftReport
import Testing

@Suite struct RedactionTests {
    @Test(arguments: [
        ("AKIAFAKEEXAMPLE7TEST", "AKIA****************"),
        ("FakePassTEST", "Fake********"),
        ("FakePass", "Fa******"),
        ("Fake123", "*******"),
        ("", ""),
        (String(repeating: "x", count: 100), "xxxx" + String(repeating: "*", count: 32)),
    ])
    func aSecretKeepsAShortPrefix(secret: String, redacted: String) {
        #expect(Redaction.redact(secret) == redacted)
    }

    @Test func theMatchKeepsItsContextAndTheLineLosesEverySecret() {
        let record = Samples.findings[1]
        let shown = Redaction.fields(of: record, plaintext: false)
        #expect(shown.matchText == "aws_secret_access_key = wJal********************************")
        #expect(shown.secret == "wJal********************************")
        #expect(shown.line == "aws_access_key_id = AKIA****************, aws_secret_access_key = wJal********************************")
        let plain = Redaction.fields(of: record, plaintext: true)
        #expect(plain.line == record.finding.line)
    }

    @Test func multiLineSecretsAreMaskedLineByLine() {
        let key = "-----BEGIN KEY-----\nFAKEEXAMPLEline1\r\nFAKEEXAMPLEline2\n=="
        let masked = Redaction.mask("a FAKEEXAMPLEline2 b == c", hiding: [key])
        #expect(masked == "a FAKE************ b == c")
    }

    @Test func evidenceOfAnObjectIsMaskedInItsLine() {
        var record = Samples.findings[0]
        record.finding.line = "cards: 4111 1111 1111 1111 and 5500 0000 0000 0004"
        record.finding.evidence = [
            Finding.Evidence(ruleName: "CREDIT_CARD", matchText: "4111 1111 1111 1111", startOffset: 7, endOffset: 26),
            Finding.Evidence(ruleName: "CREDIT_CARD", matchText: "5500 0000 0000 0004", startOffset: 31, endOffset: 50),
        ]
        #expect(Redaction.fields(of: record, plaintext: false).line == "cards: 4111*************** and 5500***************")
    }
}

@Suite struct RedactionIndexTests {
    /// A finding of a version with many findings (its strings go through the index) is masked as
    /// hiding every string one by one masks it.
    @Test func manyStringsAreMaskedAsOneByOne() {
        var strings = (0..<200).map { "user\($0).fake@corp-mail\($0 % 7).example" }
        strings += ["ab", "FAKEKEY-----\nline-one-FAKE\r\nxy\nline-two-FAKE", "user1", "\u{00E9}t\u{00E9}-FAKE"]
        var record = Samples.findings[0]
        record.finding.secret = nil
        record.finding.matchText = strings[3]
        for line in [
            "to: user3.fake@corp-mail3.example, cc: user13.fake@corp-mail6.example; ab",
            "user1 and user10.fake@corp-mail3.example and user100.fake@corp-mail2.example",
            "key: line-one-FAKE / line-two-FAKE xy été-FAKE",
            "nothing here",
            // A line that is one piece, pieces at both ends, one piece inside another.
            "ab", "user1", "ab user1", "xyab", "user1.fake@corp-mail1.example",
        ] {
            record.finding.line = line
            record.alsoRedact = strings.sorted()
            let shown = Redaction.fields(of: record, plaintext: false)
            #expect(shown.line == Redaction.mask(line, hiding: [strings[3]] + strings), "\(line)")
            #expect(shown.line != line || line == "nothing here")
        }
    }
}
