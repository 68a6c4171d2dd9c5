#!/usr/bin/env python3
"""Regenerates the seed corpora of the fuzz harnesses (Fuzz/Corpus/<harness>/) from the project's
fixtures and a few hand-written inputs. Run: `python3 Fuzz/make-seeds.py`.

Seeds are small on purpose (libFuzzer's default -max_len follows the largest seed). The attachment
harness takes one byte that picks the file name, then the file (see its Harness.swift).
"""
import gzip, io, os, shutil, tarfile, zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared", "fixtures"))
OUT = os.path.join(ROOT, "Fuzz", "Corpus")


def put(harness, name, data):
    os.makedirs(os.path.join(OUT, harness), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(OUT, harness, name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


# storage-format: the shared synthetic fragments and a few quirks.
for name in sorted(os.listdir(os.path.join(SHARED, "synthetic", "storage"))):
    put("storage-format", name, read(os.path.join(SHARED, "synthetic", "storage", name)))
put("storage-format", "table.xhtml", "<table><tbody><tr><th>key</th><td>AKIA&nbsp;X</td></tr></tbody></table><h2>t</h2><ul><li>a</li></ul>")
put("storage-format", "link.xhtml", '<ac:link><ri:page ri:content-title="P" /><ac:plain-text-link-body><![CDATA[x]]></ac:plain-text-link-body></ac:link><a href="https://u:p@h/">h</a><ac:image ac:alt="i"><ri:attachment ri:filename="f.png"/></ac:image>')
put("storage-format", "recover.xhtml", "<p>secret</td></tr><p>&eacute;&bogus;<![CDATA[x]]]]><![CDATA[>]]>")

# entities: small real and synthetic entities.xml files.
for rel in ["synthetic/quirks/control-chars-entities.xml", "synthetic/quirks/dc8-unquoted-strings-entities.xml",
            "confluence-xwiki/fixcdata/entities.xml", "confluence-xwiki/history/entities.xml",
            "confluence-xwiki/emptypage/entities.xml", "confluence-xwiki/brokenattach/entities.xml"]:
    path = os.path.join(SHARED, rel)
    if os.path.exists(path) and os.path.getsize(path) < 64 * 1024:
        put("entities", rel.replace("/", "_"), read(path))
sample = os.path.join(ROOT, "Samples", "sample-space-export", "entities.xml")
if os.path.exists(sample) and os.path.getsize(sample) < 64 * 1024:
    put("entities", "sample-space-export.xml", read(sample))

LAUGHS = '<!DOCTYPE h [<!ENTITY a "lol">' + "".join(
    f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9)) + "]>"
BODY = '<object class="BodyContent" package="p"><id name="id">1</id><property name="body"><![CDATA[<p>x</p>]]></property>' \
    '<property name="content" class="Page" package="p"><id name="id">2</id></property><property name="bodyType">2</property></object>'
put("entities", "billion-laughs.xml", '<?xml version="1.0"?>' + LAUGHS + f'<hibernate-generic>{BODY}<object class="Page" package="p">'
    '<id name="id">2</id><property name="title">&j;</property></object></hibernate-generic>')
put("entities", "xxe.xml", '<?xml version="1.0"?><!DOCTYPE h [<!ENTITY x SYSTEM "file:///etc/passwd">]><hibernate-generic>'
    '<object class="Page" package="p"><id name="id">2</id><property name="title">&x;</property></object></hibernate-generic>')
put("entities", "traversal.xml", '<hibernate-generic><object class="Attachment" package="p"><id name="id">passwd</id>'
    '<property name="title">f</property><property name="version">1</property><property name="containerContent" class="Page" package="p">'
    '<id name="id">../../../../../../../etc</id></property></object></hibernate-generic>')
put("storage-format", "billion-laughs.xhtml", LAUGHS + "<p>&j;</p>")
put("storage-format", "xxe.xhtml", '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><p>&xxe;</p>')

# regex: byte 0 = options (1 caseless, 2 dotAll, 4 multiline, 8 extended), pattern, NUL, subject.
regexes = [
    (0, r"\bAKIA[0-9A-Z]{16}\b", "key AKIAIOSFODNN7EXAMPLE"),
    (0, r"(?:sk|rk)_(?:live|test)_[0-9a-zA-Z]{24,99}", "sk_live_abcdefghijklmnopqrstuvwx"),
    (0, r"xox[baprs]-[0-9a-zA-Z-]{10,48}", "xoxb-1234567890-abc"),
    (0, r"https?://[^\s/]+:[^\s@/]{3,64}@", "https://user:pass@host"),
    (1, r"kes[0-9]{4}", "\u212Aes1234 KES1234"),
    (0, r"(?i:ab)CD[0-9]{6}", "abCD123456 ABCD123456"),
    (0, r"(?<![A-Za-z0-9])ghp_[A-Za-z0-9]{36}(?![A-Za-z0-9])", "ghp_" + "a" * 36),
    (0, r"(?<=token=)[A-Z]{10}", "token=ABCDEFGHIJ"),
    (4, r"^password: \w{1,10}$", "x\npassword: hunter2\n"),
    (8, r"secret \s* = \s* (\S+)  # comment", "secret=abc"),
    (2, r"pw=.{1,12};", "pw=a\nb;"),
    (0, r"(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"),
    (0, r"\b\d{3}-\d{2}-\d{4}\b", "123-45-6789"),
    (0, r"(?|(abc)|(xyz))\1", "abcabc"),
    (0, r"(?>foo|foobar)baz\Q.*\E", "foobaz.*"),
    (0, r"[[:alpha:]\d\x{263A}-\x{263C}]{2}key", "\u263Bakey"),
    (1, r"(?-i:Secret)(?i)TOKEN", "Secrettoken"),
]
for i, (flags, pattern, subject) in enumerate(regexes):
    put("regex", f"seed-{i:02}", bytes([flags]) + pattern.encode() + b"\0" + subject.encode())

# pack: the built-in packs and the documentation's examples.
for name in ["secrets.yaml", "pii.yaml", "objects.yaml"]:
    put("pack", name, read(os.path.join(ROOT, "Patterns", name)))
put("pack", "minimal.yaml", """pack: fuzz
version: 2
allow: ['EXAMPLE']
patterns:
  - id: FUZZ_TOKEN
    regex: 'fz_[a-z0-9]{8}'
    severity: high
    keywords: [fz_]
    validators: [luhn, {entropy: 3.0}, {length: {min: 4}}]
    context: {within: 20, require: [token]}
    examples: ['token fz_abcdefgh']
objects:
  - id: FUZZ_OBJECT
    expression: 'Count("FUZZ_TOKEN") >= 2 and Near("FUZZ_TOKEN", "FUZZ_TOKEN", 10)'
    examples: ['x']
""")
put("pack", "anchors.yaml", "pack: a\npatterns: &p\n  - &x {id: A, regex: a, examples: [a]}\n  - *x\nobjects: *p\n")

# object-expression.
for i, text in enumerate([
    'Count("A") >= 2', 'CountUnique("A") + Count(\'B\') * 2 - 1 > 3 and not Count("C")',
    'Near("A", "B", 50) || (Count("X") == 1 && Count("Y") != 0)', '!(-Count("A") <= -1.5)',
    'count("a") OR near("a","b",0) AND NOT countunique("c")',
]):
    put("object-expression", f"seed-{i}", text)

# attachment: byte 0 picks the name (index into the harness's list), then the file.
NAMES = ["a.zip", "a.docx", "a.xlsx", "a.pptx", "a.odt", "a.ods", "a.tar", "a.tar.gz", "a.gz", "a.pdf", "a.rtf",
         "a.txt", "a.jar", "a.bin", "a.tgz", "a"]
FIX = os.path.join(ROOT, "Tests", "SiftExtractTests", "Fixtures")
for name, kind in [("nested.zip", "a.zip"), ("keys.tar.gz", "a.tar.gz"), ("truncated.zip", "a.zip"),
                   ("encrypted-entry.zip", "a.zip"), ("page2-secret.pdf", "a.pdf"), ("secret.odt", "a.odt"),
                   ("secret.ods", "a.ods"), ("secret.rtf", "a.rtf"), ("utf16.log", "a.txt"),
                   ("latin1.txt", "a.txt"), ("third-sheet-secret.xlsx", "a.xlsx")]:
    put("attachment", name, bytes([NAMES.index(kind)]) + read(os.path.join(FIX, name)))


def office(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts.items():
            z.writestr(part, text)
    return buffer.getvalue()


CT = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
put("attachment", "tiny.docx", bytes([1]) + office({
    "[Content_Types].xml": CT,
    "word/document.xml": f'<w:document {W}><w:body><w:p><w:r><w:t>pw=FAKE</w:t></w:r><w:del><w:r><w:delText>old</w:delText></w:r></w:del></w:p></w:body></w:document>',
    "word/header1.xml": f'<w:hdr {W}><w:p><w:r><w:t>hdr</w:t></w:r></w:p></w:hdr>',
}))
S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
put("attachment", "tiny.xlsx", bytes([2]) + office({
    "[Content_Types].xml": CT,
    "xl/workbook.xml": f'<workbook {S} {R}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="x"/></Relationships>',
    "xl/sharedStrings.xml": f'<sst {S}><si><t>secret</t></si></sst>',
    "xl/worksheets/sheet1.xml": f'<worksheet {S}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c><c r="C1"><v>4</v></c></row></sheetData></worksheet>',
}))
P_ = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
put("attachment", "tiny.pptx", bytes([3]) + office({
    "[Content_Types].xml": CT,
    "ppt/slides/slide1.xml": f'<p:sld xmlns:p="p" {P_}><a:t>slide</a:t></p:sld>',
    "ppt/notesSlides/notesSlide1.xml": f'<p:notes xmlns:p="p" {P_}><a:t>notes</a:t></p:notes>',
}))
tar = io.BytesIO()
with tarfile.open(fileobj=tar, mode="w", format=tarfile.USTAR_FORMAT) as t:
    for path, text in [("etc/app.env", b"TOKEN=FAKE\n"), ("../escape.txt", b"x"), ("doc.rtf", rb"{\rtf1 hi \'e9}")]:
        info = tarfile.TarInfo(path)
        info.size = len(text)
        t.addfile(info, io.BytesIO(text))
put("attachment", "small.tar", bytes([6]) + tar.getvalue())
put("attachment", "text.gz", bytes([8]) + gzip.compress(b"password=FAKE-GZ\n"))
put("attachment", "xxe.docx", bytes([1]) + office({
    "[Content_Types].xml": CT,
    "word/document.xml": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                         f'<w:document {W}><w:body><w:p><w:r><w:t>&x;&b;</w:t></w:r></w:p></w:body></w:document>',
}))
print("seeds written under", OUT)
