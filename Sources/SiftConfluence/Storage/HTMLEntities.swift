#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The 252 named character entities of HTML 4 (`&nbsp;`, `&eacute;`, `&mdash;` …), declared for
/// libxml2 in the internal subset that wraps every storage-format body: real bodies use them, and
/// an undeclared entity is a fatal error in XML.
///
/// Generated once from Python's `html.entities.name2codepoint` (252 entries, minus the five that
/// XML predefines: amp, lt, gt, quot, apos):
/// `python3 -c 'from html.entities import name2codepoint as m; print(len(m))'`.
package enum HTMLEntities {
    package static let declarations: String = [
        "<!ENTITY AElig \"&#198;\"><!ENTITY Aacute \"&#193;\"><!ENTITY Acirc \"&#194;\"><!ENTITY Agrave \"&#192;\">",
        "<!ENTITY Alpha \"&#913;\"><!ENTITY Aring \"&#197;\"><!ENTITY Atilde \"&#195;\"><!ENTITY Auml \"&#196;\">",
        "<!ENTITY Beta \"&#914;\"><!ENTITY Ccedil \"&#199;\"><!ENTITY Chi \"&#935;\"><!ENTITY Dagger \"&#8225;\">",
        "<!ENTITY Delta \"&#916;\"><!ENTITY ETH \"&#208;\"><!ENTITY Eacute \"&#201;\"><!ENTITY Ecirc \"&#202;\">",
        "<!ENTITY Egrave \"&#200;\"><!ENTITY Epsilon \"&#917;\"><!ENTITY Eta \"&#919;\"><!ENTITY Euml \"&#203;\">",
        "<!ENTITY Gamma \"&#915;\"><!ENTITY Iacute \"&#205;\"><!ENTITY Icirc \"&#206;\"><!ENTITY Igrave \"&#204;\">",
        "<!ENTITY Iota \"&#921;\"><!ENTITY Iuml \"&#207;\"><!ENTITY Kappa \"&#922;\"><!ENTITY Lambda \"&#923;\">",
        "<!ENTITY Mu \"&#924;\"><!ENTITY Ntilde \"&#209;\"><!ENTITY Nu \"&#925;\"><!ENTITY OElig \"&#338;\">",
        "<!ENTITY Oacute \"&#211;\"><!ENTITY Ocirc \"&#212;\"><!ENTITY Ograve \"&#210;\"><!ENTITY Omega \"&#937;\">",
        "<!ENTITY Omicron \"&#927;\"><!ENTITY Oslash \"&#216;\"><!ENTITY Otilde \"&#213;\"><!ENTITY Ouml \"&#214;\">",
        "<!ENTITY Phi \"&#934;\"><!ENTITY Pi \"&#928;\"><!ENTITY Prime \"&#8243;\"><!ENTITY Psi \"&#936;\">",
        "<!ENTITY Rho \"&#929;\"><!ENTITY Scaron \"&#352;\"><!ENTITY Sigma \"&#931;\"><!ENTITY THORN \"&#222;\">",
        "<!ENTITY Tau \"&#932;\"><!ENTITY Theta \"&#920;\"><!ENTITY Uacute \"&#218;\"><!ENTITY Ucirc \"&#219;\">",
        "<!ENTITY Ugrave \"&#217;\"><!ENTITY Upsilon \"&#933;\"><!ENTITY Uuml \"&#220;\"><!ENTITY Xi \"&#926;\">",
        "<!ENTITY Yacute \"&#221;\"><!ENTITY Yuml \"&#376;\"><!ENTITY Zeta \"&#918;\"><!ENTITY aacute \"&#225;\">",
        "<!ENTITY acirc \"&#226;\"><!ENTITY acute \"&#180;\"><!ENTITY aelig \"&#230;\"><!ENTITY agrave \"&#224;\">",
        "<!ENTITY alefsym \"&#8501;\"><!ENTITY alpha \"&#945;\"><!ENTITY and \"&#8743;\">",
        "<!ENTITY ang \"&#8736;\"><!ENTITY aring \"&#229;\"><!ENTITY asymp \"&#8776;\"><!ENTITY atilde \"&#227;\">",
        "<!ENTITY auml \"&#228;\"><!ENTITY bdquo \"&#8222;\"><!ENTITY beta \"&#946;\"><!ENTITY brvbar \"&#166;\">",
        "<!ENTITY bull \"&#8226;\"><!ENTITY cap \"&#8745;\"><!ENTITY ccedil \"&#231;\"><!ENTITY cedil \"&#184;\">",
        "<!ENTITY cent \"&#162;\"><!ENTITY chi \"&#967;\"><!ENTITY circ \"&#710;\"><!ENTITY clubs \"&#9827;\">",
        "<!ENTITY cong \"&#8773;\"><!ENTITY copy \"&#169;\"><!ENTITY crarr \"&#8629;\"><!ENTITY cup \"&#8746;\">",
        "<!ENTITY curren \"&#164;\"><!ENTITY dArr \"&#8659;\"><!ENTITY dagger \"&#8224;\"><!ENTITY darr \"&#8595;\">",
        "<!ENTITY deg \"&#176;\"><!ENTITY delta \"&#948;\"><!ENTITY diams \"&#9830;\"><!ENTITY divide \"&#247;\">",
        "<!ENTITY eacute \"&#233;\"><!ENTITY ecirc \"&#234;\"><!ENTITY egrave \"&#232;\"><!ENTITY empty \"&#8709;\">",
        "<!ENTITY emsp \"&#8195;\"><!ENTITY ensp \"&#8194;\"><!ENTITY epsilon \"&#949;\"><!ENTITY equiv \"&#8801;\">",
        "<!ENTITY eta \"&#951;\"><!ENTITY eth \"&#240;\"><!ENTITY euml \"&#235;\"><!ENTITY euro \"&#8364;\">",
        "<!ENTITY exist \"&#8707;\"><!ENTITY fnof \"&#402;\"><!ENTITY forall \"&#8704;\"><!ENTITY frac12 \"&#189;\">",
        "<!ENTITY frac14 \"&#188;\"><!ENTITY frac34 \"&#190;\"><!ENTITY frasl \"&#8260;\"><!ENTITY gamma \"&#947;\">",
        "<!ENTITY ge \"&#8805;\"><!ENTITY hArr \"&#8660;\"><!ENTITY harr \"&#8596;\">",
        "<!ENTITY hearts \"&#9829;\"><!ENTITY hellip \"&#8230;\"><!ENTITY iacute \"&#237;\">",
        "<!ENTITY icirc \"&#238;\"><!ENTITY iexcl \"&#161;\"><!ENTITY igrave \"&#236;\"><!ENTITY image \"&#8465;\">",
        "<!ENTITY infin \"&#8734;\"><!ENTITY int \"&#8747;\"><!ENTITY iota \"&#953;\"><!ENTITY iquest \"&#191;\">",
        "<!ENTITY isin \"&#8712;\"><!ENTITY iuml \"&#239;\"><!ENTITY kappa \"&#954;\"><!ENTITY lArr \"&#8656;\">",
        "<!ENTITY lambda \"&#955;\"><!ENTITY lang \"&#9001;\"><!ENTITY laquo \"&#171;\"><!ENTITY larr \"&#8592;\">",
        "<!ENTITY lceil \"&#8968;\"><!ENTITY ldquo \"&#8220;\"><!ENTITY le \"&#8804;\"><!ENTITY lfloor \"&#8970;\">",
        "<!ENTITY lowast \"&#8727;\"><!ENTITY loz \"&#9674;\"><!ENTITY lrm \"&#8206;\"><!ENTITY lsaquo \"&#8249;\">",
        "<!ENTITY lsquo \"&#8216;\"><!ENTITY macr \"&#175;\"><!ENTITY mdash \"&#8212;\">",
        "<!ENTITY micro \"&#181;\"><!ENTITY middot \"&#183;\"><!ENTITY minus \"&#8722;\"><!ENTITY mu \"&#956;\">",
        "<!ENTITY nabla \"&#8711;\"><!ENTITY nbsp \"&#160;\"><!ENTITY ndash \"&#8211;\"><!ENTITY ne \"&#8800;\">",
        "<!ENTITY ni \"&#8715;\"><!ENTITY not \"&#172;\"><!ENTITY notin \"&#8713;\"><!ENTITY nsub \"&#8836;\">",
        "<!ENTITY ntilde \"&#241;\"><!ENTITY nu \"&#957;\"><!ENTITY oacute \"&#243;\"><!ENTITY ocirc \"&#244;\">",
        "<!ENTITY oelig \"&#339;\"><!ENTITY ograve \"&#242;\"><!ENTITY oline \"&#8254;\"><!ENTITY omega \"&#969;\">",
        "<!ENTITY omicron \"&#959;\"><!ENTITY oplus \"&#8853;\"><!ENTITY or \"&#8744;\"><!ENTITY ordf \"&#170;\">",
        "<!ENTITY ordm \"&#186;\"><!ENTITY oslash \"&#248;\"><!ENTITY otilde \"&#245;\"><!ENTITY otimes \"&#8855;\">",
        "<!ENTITY ouml \"&#246;\"><!ENTITY para \"&#182;\"><!ENTITY part \"&#8706;\"><!ENTITY permil \"&#8240;\">",
        "<!ENTITY perp \"&#8869;\"><!ENTITY phi \"&#966;\"><!ENTITY pi \"&#960;\"><!ENTITY piv \"&#982;\">",
        "<!ENTITY plusmn \"&#177;\"><!ENTITY pound \"&#163;\"><!ENTITY prime \"&#8242;\"><!ENTITY prod \"&#8719;\">",
        "<!ENTITY prop \"&#8733;\"><!ENTITY psi \"&#968;\"><!ENTITY rArr \"&#8658;\">",
        "<!ENTITY radic \"&#8730;\"><!ENTITY rang \"&#9002;\"><!ENTITY raquo \"&#187;\"><!ENTITY rarr \"&#8594;\">",
        "<!ENTITY rceil \"&#8969;\"><!ENTITY rdquo \"&#8221;\"><!ENTITY real \"&#8476;\"><!ENTITY reg \"&#174;\">",
        "<!ENTITY rfloor \"&#8971;\"><!ENTITY rho \"&#961;\"><!ENTITY rlm \"&#8207;\"><!ENTITY rsaquo \"&#8250;\">",
        "<!ENTITY rsquo \"&#8217;\"><!ENTITY sbquo \"&#8218;\"><!ENTITY scaron \"&#353;\"><!ENTITY sdot \"&#8901;\">",
        "<!ENTITY sect \"&#167;\"><!ENTITY shy \"&#173;\"><!ENTITY sigma \"&#963;\"><!ENTITY sigmaf \"&#962;\">",
        "<!ENTITY sim \"&#8764;\"><!ENTITY spades \"&#9824;\"><!ENTITY sub \"&#8834;\"><!ENTITY sube \"&#8838;\">",
        "<!ENTITY sum \"&#8721;\"><!ENTITY sup \"&#8835;\"><!ENTITY sup1 \"&#185;\"><!ENTITY sup2 \"&#178;\">",
        "<!ENTITY sup3 \"&#179;\"><!ENTITY supe \"&#8839;\"><!ENTITY szlig \"&#223;\"><!ENTITY tau \"&#964;\">",
        "<!ENTITY there4 \"&#8756;\"><!ENTITY theta \"&#952;\"><!ENTITY thetasym \"&#977;\">",
        "<!ENTITY thinsp \"&#8201;\"><!ENTITY thorn \"&#254;\"><!ENTITY tilde \"&#732;\"><!ENTITY times \"&#215;\">",
        "<!ENTITY trade \"&#8482;\"><!ENTITY uArr \"&#8657;\"><!ENTITY uacute \"&#250;\"><!ENTITY uarr \"&#8593;\">",
        "<!ENTITY ucirc \"&#251;\"><!ENTITY ugrave \"&#249;\"><!ENTITY uml \"&#168;\"><!ENTITY upsih \"&#978;\">",
        "<!ENTITY upsilon \"&#965;\"><!ENTITY uuml \"&#252;\"><!ENTITY weierp \"&#8472;\"><!ENTITY xi \"&#958;\">",
        "<!ENTITY yacute \"&#253;\"><!ENTITY yen \"&#165;\"><!ENTITY yuml \"&#255;\"><!ENTITY zeta \"&#950;\">",
        "<!ENTITY zwj \"&#8205;\"><!ENTITY zwnj \"&#8204;\">"
    ].joined()

    /// Each declaration, by entity name, and the names in declaration order.
    private static let table: (names: [String], byName: [String: (index: Int, declaration: [UInt8])]) = {
        var names: [String] = []
        var byName: [String: (index: Int, declaration: [UInt8])] = [:]
        for piece in declarations.split(separator: ">", omittingEmptySubsequences: true) {
            // `<!ENTITY name "&#n;"`
            let words = piece.split(separator: " ")
            guard words.count >= 3, words[0] == "<!ENTITY" else { continue }
            let name = String(words[1])
            byName[name] = (names.count, Array((piece + ">").utf8))
            names.append(name)
        }
        return (names, byName)
    }()

    /// The longest declared name (`thetasym`, `alefsym` …); longer candidates are not looked up.
    private static let longestName = table.names.map(\.utf8.count).max() ?? 0

    /// The internal subset that `body` needs: the declarations of the HTML entities it may reference,
    /// in declaration order, and no others.
    ///
    /// Declaring all 252 for every body made libxml2 parse, hash and free about 7.7 KB of DTD per
    /// body: half the time of converting a typical page. Only a referenced entity can change a parse,
    /// so declaring the others changes nothing. The scan over-approximates: every `&` followed by a
    /// declared name and `;` counts, inside CDATA and comments too, so no reference is ever missed.
    package static func declarations(referencedIn body: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard let base = body.baseAddress, !body.isEmpty else { return [] }
        var used: [Int] = []
        var start = 0
        while start < body.count {
            // SAFETY: `start..<body.count` lies inside `body`.
            guard let found = memchr(base + start, 0x26, body.count - start) else { break }
            let amp = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            start = amp + 1
            let limit = min(body.count, start + longestName + 1)
            var end = start
            while end < limit, body[end] != 0x3B { end += 1 }  // ';'
            guard end < limit, end > start else { continue }
            let name = String(decoding: UnsafeBufferPointer(rebasing: body[start..<end]), as: UTF8.self)
            if let entry = table.byName[name] { used.append(entry.index) }
        }
        guard !used.isEmpty else { return [] }
        var out: [UInt8] = []
        for index in Set(used).sorted() { out += table.byName[table.names[index]]!.declaration }
        return out
    }
}
