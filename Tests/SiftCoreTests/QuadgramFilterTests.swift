import SiftCore
import Testing

@Suite struct QuadgramFilterTests {
    @Test func everySubstringMayOccur() {
        let text = "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYFAKEEXAMPLE, user=fake.user@example.com ü€"
        let filter = QuadgramFilter(text)
        let bytes = Array(text.utf8)
        for start in 0..<bytes.count {
            for end in (start + 1)...bytes.count {
                guard let piece = String(validating: bytes[start..<end], as: UTF8.self) else { continue }
                #expect(filter.mayContain(piece), "\(piece)")
            }
        }
    }

    @Test func mostStringsOfOtherLinesAreRuledOut() {
        let filter = QuadgramFilter("contact: user17.name@corp-mail17.io, Fake User 17")
        let others = (0..<1000).filter { $0 != 17 }.map { "user\($0).name@corp-mail\($0 % 50).io" }
        let possible = others.filter(filter.mayContain).count
        #expect(possible < 200, "\(possible) of 999 not ruled out")
        #expect(filter.mayContain("abc"), "shorter than four bytes: always possible")
    }
}
