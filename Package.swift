// swift-tools-version:6.0
import PackageDescription

// Code that orchestrates, reads and writes files, draws or parses the command line runs for milliseconds per
// experiment; a release build spent half its time optimising it. It is built without optimisation. The numerics
// (Numerics, HDF5's array paths, the experiments) are optimised as before. Results are byte-identical either way
// (Swift does not reassociate or contract floating point at any level), and `make all`'s run time did not move.
let cold: [SwiftSetting] = [.unsafeFlags(["-Onone"])]

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
    // prctl(2), which is variadic and so not callable from Swift: a child of `repro sensitivity` ends with it.
    .systemLibrary(name: "CProcess"),

    // The engine; each target's README.md says what it is for and the conventions a caller must know.
    .target(name: "HDF5", dependencies: ["CHDF5"], exclude: ["README.md"]),
    .target(name: "Numerics", dependencies: ["CBLAS"], exclude: ["README.md"]),
    .target(
      name: "Harness", dependencies: ["HDF5", "Numerics", "Figures", "SourceHash", "BuiltSources"],
      exclude: ["README.md"], swiftSettings: cold),

    // Figures: the figure model, which knows nothing of gnuplot; GnuplotRenderer, the only code that writes
    // gnuplot. Neither Harness nor Experiments depends on the renderer (the binary hands it to `Workspace.plot`),
    // and the Makefile builds with --explicit-target-dependency-import-check error: an `import GnuplotRenderer`
    // in an experiment module fails the build.
    .target(name: "Figures", exclude: ["README.md"], swiftSettings: cold),
    .target(name: "GnuplotRenderer", dependencies: ["Figures", "HDF5"], exclude: ["README.md"], swiftSettings: cold),

    // What the binary was built from: SHA-256 (shared with the build tool), and the table of the sources'
    // hashes that the SourceTablePlugin generates into BuiltSources at every build.
    .target(name: "SourceHash", exclude: ["README.md"]),
    .executableTarget(name: "source-table", dependencies: ["SourceHash"], exclude: ["README.md"]),
    .plugin(
      name: "SourceTablePlugin", capability: .buildTool(), dependencies: ["source-table"], exclude: ["README.md"]),
    .target(name: "BuiltSources", exclude: ["README.md"], plugins: ["SourceTablePlugin"]),

    // The science: one file per theorem or figure, grouped by paper; each paper's README.md states its setting.
    // One target per paper, so the papers compile in parallel and an edit recompiles only its paper; the code
    // they share (experiments/Shared) is a target of its own, and Experiments is the registry of all of them.
    .target(
      name: "SharedExperiments", dependencies: ["Harness", "Figures", "Numerics"], path: "experiments/Shared"),
    .target(
      name: "Vardi2022Experiments", dependencies: ["SharedExperiments", "Harness", "Figures", "Numerics"],
      path: "experiments/vardi2022", exclude: ["README.md", "CONTROLS.md", "REGIME-MAP.md"]),
    .target(
      name: "Deng2020Experiments", dependencies: ["Harness", "Figures", "Numerics", "HDF5"],
      path: "experiments/deng2020", exclude: ["README.md"]),
    .target(
      name: "Frei2023Experiments", dependencies: ["SharedExperiments", "Harness", "Figures", "Numerics"],
      path: "experiments/frei2023", exclude: ["README.md"]),
    .target(
      name: "Gao2019Experiments", dependencies: ["Harness", "Figures", "Numerics"],
      path: "experiments/gao2019", exclude: ["README.md"]),
    .target(
      name: "Experiments",
      dependencies: [
        "Harness", "Vardi2022Experiments", "Deng2020Experiments", "Frei2023Experiments", "Gao2019Experiments",
      ],
      path: "experiments", sources: ["Registry.swift"]),

    // The command line and the benchmark.
    .executableTarget(
      name: "repro",
      dependencies: [
        "Experiments", "Harness", "Figures", "GnuplotRenderer", "HDF5", "CProcess",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ], exclude: ["README.md"], swiftSettings: cold),
    .executableTarget(
      name: "repro-bench", dependencies: ["Numerics", "Harness", "Experiments", "Frei2023Experiments"],
      exclude: ["README.md"]),

    .testTarget(name: "HDF5Tests", dependencies: ["HDF5"]),
    .testTarget(name: "NumericsTests", dependencies: ["Numerics"]),
    .testTarget(name: "FiguresTests", dependencies: ["Figures"]),
    .testTarget(name: "GnuplotRendererTests", dependencies: ["GnuplotRenderer", "Figures"]),
    .testTarget(
      name: "HarnessTests",
      dependencies: [
        "Harness", "Experiments", "Figures", "GnuplotRenderer", "HDF5", "Numerics", "SourceHash", "BuiltSources",
        "SharedExperiments", "Vardi2022Experiments", "Deng2020Experiments", "Frei2023Experiments", "Gao2019Experiments",
      ]),
    .testTarget(name: "CLITests", dependencies: ["repro", "HDF5"]),
  ],
  swiftLanguageModes: [.v6]
)
