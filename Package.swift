// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "LIFE",
  products: [
    .library(name: "Trace", targets: ["Trace"]),
    .library(name: "Engine", targets: ["Engine"]),
    .library(name: "Timeline", targets: ["Timeline"]),
    .executable(name: "life", targets: ["life"]),
  ],
  dependencies: [],
  targets: [
    // MARK: - Libraries (data flows one way: Trace <- Engine <- Timeline)
    .target(name: "Trace"),
    .target(name: "Engine", dependencies: ["Trace"]),
    .systemLibrary(name: "CZlib"),
    .target(name: "Timeline", dependencies: ["Trace", "Engine", "CZlib"]),

    // MARK: - Command line
    .target(name: "LifeCLI", dependencies: ["Trace", "Engine", "Timeline"]),
    .executableTarget(name: "life", dependencies: ["LifeCLI"]),
    // In-process timings for scripts/bench.sh (docs/performance.md).
    .executableTarget(name: "LifeBench", dependencies: ["Trace", "Engine", "Timeline"]),

    // MARK: - Tests (one target per module, plus end to end)
    // Shared test helpers (external tools: node, Perfetto, Chromium); not a product.
    .target(name: "LifeTestSupport", dependencies: ["Trace"], path: "Tests/LifeTestSupport"),
    .testTarget(
      name: "TraceTests", dependencies: ["Trace", "LifeTestSupport"],
      exclude: ["ModelFile/Fixtures"]),
    .testTarget(
      name: "EngineTests", dependencies: ["Engine", "Trace", "LifeTestSupport"],
      exclude: ["Calibration/Fixtures"]),
    .testTarget(
      name: "TimelineTests", dependencies: ["Timeline", "Engine", "Trace", "LifeTestSupport"]),
    .testTarget(name: "LifeCLITests", dependencies: ["LifeCLI"]),
    .testTarget(
      name: "EndToEndTests", dependencies: ["Trace", "Engine", "Timeline", "LifeTestSupport"],
      exclude: ["Golden"]),
  ],
  swiftLanguageModes: [.v6]
)
