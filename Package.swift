// swift-tools-version:6.0
import PackageDescription

// cxj has no package dependencies: Foundation and XCTest only.

/// A release build on Linux puts each function in a section of its own, so that the linker can
/// lay out the code a run executes together (`Sources/cxj/Linking/symbol-order.txt`).
let functionSections: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-function-sections"], .when(platforms: [.linux], configuration: .release)),
]
let package = Package(
    name: "cxj",
    products: [
        .library(name: "CXJ", targets: ["CXJ"]),
        .executable(name: "cxj", targets: ["cxj"]),
    ],
    targets: [
        // The whole pipeline: source → tokens → syntax tree → checked model → emitters.
        .target(name: "CXJ", dependencies: ["CXJSystem"], swiftSettings: functionSections),
        // `mallopt` and the CPU affinity mask, which Swift's Glibc module leaves out. Its debug
        // information is DWARF 4, as the Swift code's: valgrind 3.19 (callgrind, the benchmarks'
        // instruction counts) cannot read clang's default DWARF 5.
        .target(name: "CXJSystem", cSettings: [.unsafeFlags(["-gdwarf-4"]),
                                               .unsafeFlags(["-ffunction-sections"], .when(platforms: [.linux], configuration: .release))]),
        // The thin command-line front end. A release build on Linux is a static
        // position-independent executable: loading the shared C++ and C libraries and resolving
        // their symbols cost about a millisecond of every run (README, Performance, "A thirteenth
        // round"). `Linking/` holds the linker it is linked with.
        .executableTarget(name: "cxj", dependencies: ["CXJ"], exclude: ["Linking"], swiftSettings: functionSections,
                          linkerSettings: [
                              .unsafeFlags(["-static-executable", "-Xclang-linker", "-static-pie", "-Xclang-linker",
                                            "--ld-path=\(Context.packageDirectory)/Sources/cxj/Linking/link-static-pie"],
                                           .when(platforms: [.linux], configuration: .release)),
                          ]),
        // Measures each stage on generated journeys (see README.md, Performance).
        .executableTarget(name: "cxj-bench", dependencies: ["CXJ"], path: "Benchmarks/Sources/cxj-bench"),
        .testTarget(name: "CXJTests", dependencies: ["CXJ"], exclude: ["Fixtures"]),
        // Runs the built `cxj` binary; depending on it makes `swift test` build it first.
        .testTarget(name: "CLITests", dependencies: ["cxj"]),
    ],
    swiftLanguageModes: [.v6]
)
