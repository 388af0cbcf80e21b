// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "repro",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "repro", targets: ["repro"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // System libraries, found with pkg-config; each has a C shim header.
    .systemLibrary(
      name: "CHDF5", pkgConfig: "hdf5",
      providers: [.apt(["libhdf5-dev"])]),
    .systemLibrary(
      name: "CBLAS", pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),

    // The engine.
    .target(name: "HDF5", dependencies: ["CHDF5"]),
    .target(name: "Numerics", dependencies: ["CBLAS"]),
    .target(name: "Harness", dependencies: ["HDF5", "Numerics"]),

    // The science: one file per theorem or figure, grouped by paper.
    .target(name: "Experiments", dependencies: ["Harness", "Numerics"], path: "experiments"),

    // The command line and the benchmark.
    .executableTarget(
      name: "repro",
      dependencies: [
        "Experiments", "Harness",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "repro-bench", dependencies: ["Numerics"]),

    .testTarget(name: "HDF5Tests", dependencies: ["HDF5"]),
    .testTarget(name: "NumericsTests", dependencies: ["Numerics"]),
    .testTarget(name: "HarnessTests", dependencies: ["Harness", "Experiments"]),
    .testTarget(name: "CLITests", dependencies: ["repro"]),
  ],
  swiftLanguageModes: [.v6]
)
