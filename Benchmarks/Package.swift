// swift-tools-version:6.1
//
// Sift's benchmarks, kept out of the main package so that `swift build` and `swift test` stay lean.
// Run from this directory: `swift run -c release matcher-bench --help`.
import PackageDescription

let package = Package(
    name: "SiftBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Sift", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(name: "BenchSupport", dependencies: [.product(name: "SiftMatcher", package: "Sift")]),
        .executableTarget(
            name: "matcher-bench",
            dependencies: ["BenchSupport", .product(name: "SiftMatcher", package: "Sift")],
            path: "Sources/MatcherBench"
        ),
        .executableTarget(name: "export-gen", dependencies: ["BenchSupport"], path: "Sources/ExportGen"),
        .executableTarget(
            name: "extract-bench",
            dependencies: ["BenchSupport", .product(name: "Sift", package: "Sift")],
            path: "Sources/ExtractBench"
        ),
        // Micro-benchmarks (ordo-one/benchmark): `swift package benchmark --target SiftMicro`.
        .executableTarget(
            name: "SiftMicro",
            dependencies: ["BenchSupport", .product(name: "Sift", package: "Sift"), .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/SiftMicro",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
