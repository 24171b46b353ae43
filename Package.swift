// swift-tools-version:6.0
import PackageDescription

// cxj has no package dependencies: Foundation and XCTest only.
let package = Package(
    name: "cxj",
    products: [
        .library(name: "CXJ", targets: ["CXJ"]),
        .executable(name: "cxj", targets: ["cxj"]),
    ],
    targets: [
        // The whole pipeline: source → tokens → syntax tree → checked model → emitters.
        .target(name: "CXJ"),
        // The thin command-line front end. A release build links the Swift runtime statically:
        // resolving its symbols at start-up cost ~2.3 ms a run (README, Performance).
        .executableTarget(name: "cxj", dependencies: ["CXJ"],
                          linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]),
        // Measures each stage on generated journeys (see README.md, Performance).
        .executableTarget(name: "cxj-bench", dependencies: ["CXJ"], path: "Benchmarks/Sources/cxj-bench"),
        .testTarget(name: "CXJTests", dependencies: ["CXJ"], exclude: ["Fixtures"]),
        // Runs the built `cxj` binary; depending on it makes `swift test` build it first.
        .testTarget(name: "CLITests", dependencies: ["cxj"]),
    ],
    swiftLanguageModes: [.v6]
)
