import Foundation
import HDF5
import SourceHash
import Testing

@testable import Harness

@Suite struct ProvenanceTests {
  @Test func sha256MatchesTheStandardsVectors() {
    // FIPS 180-4 examples (one block, two blocks) and the empty message.
    #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    // 55, 56 and 64 bytes: the padding's edge cases (values from coreutils' sha256sum).
    #expect(
      SHA256.hex(String(repeating: "a", count: 55))
        == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
    #expect(
      SHA256.hex(String(repeating: "a", count: 56))
        == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    #expect(
      SHA256.hex(String(repeating: "a", count: 64))
        == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
  }

  /// A throw-away source tree in a git repository: Package.swift, an engine file, the toy module,
  /// its paper's setting, another paper's setting and the registry.
  static func sourceTree() throws -> String {
    let root = RunnerTests.temporaryDirectory()
    let files = [
      "Package.swift": "// package\n",
      "Sources/Harness/Engine.swift": "let engine = 1\n",
      "Sources/repro/CLI.swift": "let cli = 1\n",
      "experiments/toy2000/noise.swift": "let module = 1\n",
      "experiments/toy2000/Toy2000Setting.swift": "let setting = 1\n",
      "experiments/toy2000/README.md": "the setting\n",
      "experiments/toy2000/other.swift": "let otherModule = 1\n",
      "experiments/other2001/Other2001Setting.swift": "let other = 1\n",
      "experiments/Registry.swift": "let registry = 1\n",
      "README.md": "readme\n",
    ]
    for (path, text) in files {
      let full = root + "/" + path
      try FileManager.default.createDirectory(
        atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: full, atomically: true, encoding: .utf8)
    }
    try shell("git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -qm init", in: root)
    return root
  }

  static func shell(_ command: String, in directory: String) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    p.currentDirectoryURL = URL(fileURLWithPath: directory)
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "\(command)")
  }

  @Test func fingerprintCoversWhatComputesTheNumbersAndOnlyThat() throws {
    let root = try Self.sourceTree()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let f = try #require(SourceFingerprint.of(ToyExperiment.self, root: root))
    #expect(
      f.files.keys.sorted() == [
        "Package.swift", "Sources/Harness/Engine.swift", "experiments/toy2000/Toy2000Setting.swift",
        "experiments/toy2000/noise.swift",
      ])
    #expect(f.files["Package.swift"] == SHA256.hex("// package\n"))

    // Touching a file changes nothing; editing one names it.
    try Self.shell("touch experiments/toy2000/noise.swift", in: root)
    #expect(SourceFingerprint.of(ToyExperiment.self, root: root) == f)
    try "let module = 2\n".write(toFile: root + "/experiments/toy2000/noise.swift", atomically: true, encoding: .utf8)
    try "new\n".write(toFile: root + "/Sources/Harness/New.swift", atomically: true, encoding: .utf8)
    let g = try #require(SourceFingerprint.of(ToyExperiment.self, root: root))
    #expect(g.digest != f.digest)
    #expect(
      g.changes(since: f.files) == ["added: Sources/Harness/New.swift", "changed: experiments/toy2000/noise.swift"])
    #expect(
      f.changes(since: g.files) == ["removed: Sources/Harness/New.swift", "changed: experiments/toy2000/noise.swift"])
  }

  @Test func dirtyMeansASourceOfThisResultDiffersFromTheCommit() throws {
    let root = try Self.sourceTree()
    defer { try? FileManager.default.removeItem(atPath: root) }
    #expect(Provenance.current(for: ToyExperiment.self, root: root).dirtyFiles == [])
    #expect(Provenance.current(for: ToyExperiment.self, root: root).gitCommit.count == 40)

    // Files that make no numbers: not dirty.
    try "changed\n".write(toFile: root + "/README.md", atomically: true, encoding: .utf8)
    try "let cli = 2\n".write(toFile: root + "/Sources/repro/CLI.swift", atomically: true, encoding: .utf8)
    try "let other = 2\n".write(
      toFile: root + "/experiments/other2001/Other2001Setting.swift", atomically: true, encoding: .utf8)
    #expect(!Provenance.current(for: ToyExperiment.self, root: root).gitDirty)

    // The module and a new engine file: dirty, and named.
    try "let module = 2\n".write(toFile: root + "/experiments/toy2000/noise.swift", atomically: true, encoding: .utf8)
    try "new\n".write(toFile: root + "/Sources/Harness/New.swift", atomically: true, encoding: .utf8)
    let p = Provenance.current(for: ToyExperiment.self, root: root)
    #expect(p.gitDirty)
    #expect(p.dirtyFiles == ["Sources/Harness/New.swift", "experiments/toy2000/noise.swift"])
  }

  @Test func platformIsRecordedAndReadBack() throws {
    let p = Platform.current
    #expect(p.blas.contains("OpenBLAS"))
    #expect(!p.blasCore.isEmpty && p.blasCore != "unknown")
    #expect(p.hdf5.split(separator: ".").count == 3)
    #expect(p.swift.hasPrefix("6") || p.swift.hasPrefix("7"))
    var attributes: [String: AttributeValue] = [:]
    for (name, value) in p.attributes { attributes[name] = .string(value) }
    #expect(Platform(attributes: attributes) == p)
    #expect(Platform(attributes: [:]) == nil)
  }

  @Test func sameRunGivesTheSameBytesApartFromTimeAndWallTime() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,4", "seeds=2"])
    let records = try Runner(jobs: 2, quiet: true).run(ToyExperiment.self, c)
    let provenance = Provenance.current(for: ToyExperiment.self)
    let created = Date(timeIntervalSince1970: 1_800_000_000)
    for name in ["a", "b"] {
      try ResultWriter.write(
        to: "\(dir)/\(name).h5", experiment: ToyExperiment.self, configuration: c, records: records,
        provenance: provenance, created: created, wallSeconds: 1.5)
      // A second apart, so that an HDF5 object timestamp would show.
      Thread.sleep(forTimeInterval: 1.1)
    }
    let a = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/a.h5"))
    let b = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/b.h5"))
    #expect(a == b)
  }
}
