// swift-tools-version:6.1
//
// libFuzzer harnesses for Sift's parsers, kept out of the main package so that it stays free of
// sanitizer and fuzzing concerns. One executable per harness; each defines LLVMFuzzerTestOneInput
// and gets its `main` from libFuzzer. Build and run with ../scripts/fuzz.sh, or by hand:
//
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//   .build/release/fuzz-regex Corpus/regex -max_total_time=60
//
// Harnesses use the main package's public API only. See docs/hostile-input.md.
import PackageDescription

let package = Package(
    name: "SiftFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Sift", path: ".."),
    ],
    targets: [
        // The `main` that SwiftPM expects of an executable on Linux, handing over to libFuzzer.
        .target(name: "FuzzSupport"),
        // Storage-format XHTML → text with parts (libxml2 DOM parse with Sift's entity subset).
        .executableTarget(
            name: "fuzz-storage-format",
            dependencies: ["FuzzSupport", .product(name: "SiftConfluence", package: "Sift")]
        ),
        // entities.xml through the SAX push parser: both passes of ConfluenceExport.read.
        .executableTarget(
            name: "fuzz-entities",
            dependencies: ["FuzzSupport", .product(name: "SiftConfluence", package: "Sift")]
        ),
        // RegexParser + LiteralExtractor, differential against PCRE2 (the engine's naive mode).
        .executableTarget(
            name: "fuzz-regex",
            dependencies: ["FuzzSupport", .product(name: "SiftMatcher", package: "Sift")]
        ),
        // YAML pattern packs.
        .executableTarget(
            name: "fuzz-pack",
            dependencies: ["FuzzSupport", .product(name: "SiftPatterns", package: "Sift")]
        ),
        // Object expressions (`Count("A") >= 2 and Near(...)`).
        .executableTarget(
            name: "fuzz-object-expression",
            dependencies: ["FuzzSupport", .product(name: "SiftPatterns", package: "Sift")]
        ),
        // AttachmentExtractor on arbitrary bytes: zip, OOXML/ODF, tar, gzip, PDF, RTF, text.
        .executableTarget(
            name: "fuzz-attachment",
            dependencies: ["FuzzSupport", .product(name: "Sift", package: "Sift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
