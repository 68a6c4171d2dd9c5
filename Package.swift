// swift-tools-version:6.1
//
// Sift: offline secret detection and DLP for Confluence content.
// The module map and the direction of dependencies are fixed by ARCHITECTURE.md:
//
//   CPCRE2, CLibXML2,     system libraries (libpcre2-dev, libxml2-dev, libdeflate-dev)
//   CLibDeflate
//   CPoppler              poppler-glib (libpoppler-glib8), loaded with dlopen at the first PDF
//   SiftCore              shared value types, no dependencies
//   CSiftSIMD             SIMD kernels (C, no dependencies): the prefilter's first stage, text statistics
//   SiftMatcher           literal prefilter + PCRE2 JIT confirmation
//   SiftPatterns          the DLP model (patterns, objects, policy) and pack loading
//   SiftConfluence        export reader and storage-format text
//   SiftExtract           attachment text extraction
//   SiftStore             the workspace database (GRDB)
//   SiftReport            exporters and redaction
//   Sift                  the facade: Scanner
//   SiftCLI               the `sift` executable (CSQLiteSetup: its process-wide SQLite setup)
//
// Benchmarks live in Benchmarks/ as their own package so that this one stays lean.
import PackageDescription

let package = Package(
    name: "Sift",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Sift", targets: ["Sift"]),
        .library(name: "SiftMatcher", targets: ["SiftMatcher"]),
        .library(name: "SiftPatterns", targets: ["SiftPatterns"]),
        .library(name: "SiftConfluence", targets: ["SiftConfluence"]),
        .executable(name: "sift", targets: ["SiftCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // MARK: System libraries
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        // PDF text through poppler-glib, loaded with dlopen at the first PDF (see CPoppler.h).
        .target(name: "CPoppler", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .systemLibrary(
            name: "CLibDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),

        // MARK: Engine
        .target(name: "SiftCore"),
        // The prefilter's SIMD first stage: plain C, runtime dispatch, a scalar fallback everywhere.
        .target(name: "CSiftSIMD"),
        .target(name: "SiftMatcher", dependencies: ["SiftCore", "CPCRE2", "CSiftSIMD"]),
        .target(
            name: "SiftBuiltinPacks",
            path: "Patterns",
            exclude: ["README.md"],
            resources: [.copy("secrets.yaml"), .copy("pii.yaml"), .copy("objects.yaml")]
        ),
        .target(
            name: "SiftPatterns",
            dependencies: ["SiftCore", "SiftMatcher", "SiftBuiltinPacks", .product(name: "Yams", package: "Yams")]
        ),

        // MARK: Inputs
        .target(
            name: "SiftConfluence",
            dependencies: ["SiftCore", "CLibXML2", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "SiftExtract",
            dependencies: ["SiftCore", "CLibXML2", "CPoppler", "CLibDeflate", "CSiftSIMD", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),

        // MARK: Outputs
        .target(
            name: "SiftStore",
            dependencies: [
                "SiftCore", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for StatementBinder's hot inserts (the statements stay GRDB's).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(name: "SiftReport", dependencies: ["SiftCore"]),
        // The executable's process-wide SQLite setup (C: sqlite3_config is variadic).
        .target(name: "CSQLiteSetup", linkerSettings: [.linkedLibrary("sqlite3")]),
        // Test helper: writes to a workspace in a loop until killed (the SIGKILL test of SiftStoreTests).
        .executableTarget(name: "sift-store-torture", dependencies: ["SiftStore"]),

        // MARK: Facade and CLI
        .target(
            name: "Sift",
            dependencies: [
                "SiftCore", "SiftMatcher", "SiftPatterns", "SiftConfluence", "SiftExtract", "SiftStore", "SiftReport",
            ]
        ),
        .executableTarget(
            name: "SiftCLI",
            dependencies: ["Sift", "CSQLiteSetup", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // MARK: Tests
        .testTarget(name: "SiftCoreTests", dependencies: ["SiftCore"]),
        .testTarget(name: "SiftMatcherTests", dependencies: ["SiftMatcher", "CPCRE2"]),
        .testTarget(name: "SiftPatternsTests", dependencies: ["SiftPatterns"]),
        .testTarget(
            name: "SiftConfluenceTests",
            dependencies: ["SiftConfluence", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "SiftExtractTests", dependencies: ["SiftExtract", "CSiftSIMD", "CLibDeflate"], exclude: ["Fixtures"]),
        .testTarget(
            name: "SiftStoreTests",
            dependencies: ["SiftStore", "SiftReport", "sift-store-torture", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "SiftReportTests", dependencies: ["SiftReport"], exclude: ["Snapshots", "Fixtures"]),
        .testTarget(name: "SiftTests", dependencies: ["Sift"]),
        .testTarget(name: "SiftCLITests", dependencies: ["SiftCLI"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
