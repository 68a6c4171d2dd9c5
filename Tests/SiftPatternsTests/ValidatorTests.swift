import Foundation
import SiftPatterns
import Testing

@Suite struct ValidatorTests {
    @Test func luhn() {
        #expect(Validator.luhn.validate("4111 1111 1111 1111"))
        #expect(Validator.luhn.validate("3782-822463-10005"))
        #expect(!Validator.luhn.validate("4111 1111 1111 1112"))
        #expect(!Validator.luhn.validate("7"))
    }

    @Test func iban() {
        #expect(Validator.iban.validate("DE89 3704 0044 0532 0130 00"))
        #expect(Validator.iban.validate("GB82WEST12345698765432"))
        #expect(!Validator.iban.validate("DE89 3704 0044 0532 0130 01"), "check digits")
        #expect(!Validator.iban.validate("DE89 3704 0044 0532 0130"), "German IBANs have 22 characters")
        #expect(!Validator.iban.validate("ZZ89 3704 0044 0532 0130 00"), "unknown country")
    }

    @Test func ssn() {
        #expect(Validator.ssnUS.validate("536-22-4719"))
        for bad in ["000-22-4719", "666-22-4719", "912-22-4719", "536-00-4719", "536-22-0000", "53-622-471"] {
            #expect(!Validator.ssnUS.validate(bad), "\(bad)")
        }
    }

    @Test func entropyCharsetLength() {
        #expect(Validator.shannonEntropy("aaaa") == 0)
        #expect(abs(Validator.shannonEntropy("abcd") - 2) < 1e-9)
        #expect(Validator.entropy(3.0).validate("Zm9vYmFyFAKEtestKEY"))
        #expect(!Validator.entropy(3.0).validate("aaaaaaaabbbb"))
        #expect(Validator.charset(minClasses: 3).validate("abcDEF123"))
        #expect(!Validator.charset(minClasses: 3).validate("abcdef123"))
        #expect(Validator.length(min: 3, max: 5).validate("abcd"))
        #expect(!Validator.length(min: 3, max: 5).validate("abcdef"))
        #expect(Validator.notAllSame.validate("aab"))
        #expect(!Validator.notAllSame.validate("5555-5555"))
        #expect(!Validator.notSequential.validate("123456789"))
        #expect(!Validator.notSequential.validate("fedcba"))
        #expect(Validator.notSequential.validate("135"))
        #expect(Validator.hex.validate("deadBEEF0"))
        #expect(!Validator.hex.validate("xyz"))
    }

    @Test func githubChecksum() {
        // A token whose last six characters are the base62 CRC32 of its 30 random characters
        // (computed independently with zlib.crc32 in Python for this test).
        #expect(Validator.githubChecksum.validate("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"))
        #expect(!Validator.githubChecksum.validate("ghp_ZJDeVREhkptGF7Wvep0NwJWlPEQP7a0t2nxM"))
        #expect(!Validator.githubChecksum.validate("ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE0000"))
    }

    @Test func jwt() {
        // {"alg":"HS256","typ":"JWT"} . {"sub":"fake"} . signature
        let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmYWtlIn0.RkFLRV9TSUdOQVRVUkVfRkFLRQ"
        #expect(Validator.jwt.validate(token))
        #expect(!Validator.jwt.validate("eyJub3RoaW5nIjoidHJ1ZSJ9.eyJzdWIiOiJmYWtlIn0.sig"), "no alg")
        #expect(!Validator.jwt.validate("abc.def.ghi"))
    }

    @Test func pem() {
        let body = String(repeating: "FAKEKEYFAKEKEYFAKEKEYFAKEKEYFAKE", count: 2)
        #expect(Validator.pem.validate("-----BEGIN PRIVATE KEY-----\n\(body)\n-----END PRIVATE KEY-----"))
        #expect(!Validator.pem.validate("-----BEGIN PRIVATE KEY-----\n\(body)\n-----END RSA PRIVATE KEY-----"))
        #expect(!Validator.pem.validate("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----"))
        #expect(Validator.pem.validate("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00FF\n\n\(body)\n-----END RSA PRIVATE KEY-----"))
        // Pasted into code: indented, quoted, escaped line breaks, concatenated with `+`.
        let quoted = "\t\"-----BEGIN PRIVATE KEY-----\\n\" +\n  \"\(body)\\n\" +\n\t'-----END PRIVATE KEY-----',"
        #expect(Validator.pem.validate(quoted))
        #expect(!Validator.pem.validate(quoted.replacingOccurrences(of: "END PRIVATE", with: "END RSA PRIVATE")))
        let concatenated = "\t\"-----BEGIN PRIVATE KEY-----\" +\n  \"\(body)\" + \n\t'-----END PRIVATE KEY-----',"
        #expect(Validator.pem.validate(concatenated))
    }

    @Test func base64() {
        #expect(Validator.base64(minBytes: 3).validate("Zm9vYmFy"))
        #expect(Validator.base64(minBytes: 3).validate("Zm9vYg"))
        #expect(!Validator.base64(minBytes: 3).validate("Zm9v!"))
        #expect(!Validator.base64(minBytes: 10).validate("Zm9v"))
    }
}
