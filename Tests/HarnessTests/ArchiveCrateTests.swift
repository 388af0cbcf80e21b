import Foundation
import SourceHash
import Testing

@testable import Harness

/// `repro archive` on a tiny synthetic result (issue 27, item 5): the crate's graph is closed (every `@id` it
/// references is an entity of it), the CreateAction states what the result file records (commit, times,
/// parameters, platform: a made-up platform, so nothing can come from this machine), and every sha256 and size
/// is that of the bundled file.
@Suite struct ArchiveCrateTests {
  static let commit = "0123456789abcdef0123456789abcdef01234567"
  static let platform = Platform(
    cpu: "Test CPU 9000", blas: "OpenBLAS 9.8.7 TEST_CONFIG", blasCore: "Testcore", hdf5: "1.2.3", swift: "6.9",
    os: "TestOS 1")

  /// A source tree of three files (and a CITATION.cff), a toy result whose provenance records them, and its
  /// workspace. Returns (root, workspace).
  static func fixture(_ dir: String, store: Bool = true) throws -> (String, Workspace) {
    let root = dir + "/tree"
    let files = [
      "Package.swift": "// package\n", "experiments/toy2000/noise.swift": "// the toy module\n",
      "Sources/Harness/Engine.swift": "// engine\n", "experiments/toy2000/README.md": "# toy2000 setting\n",
      "CITATION.cff":
        "cff-version: 1.2.0\nmessage: \"Cite it\"\ntitle: \"toy\"\nauthors:\n  - name: \"toy contributors\"\n  - family-names: Doe\n    given-names: Jane\nversion: \"0.1\"\nlicense: MIT\n",
    ]
    for (path, text) in files {
      try FileManager.default.createDirectory(
        atPath: ((root + "/" + path) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path))
    }
    let space = Workspace(results: dir + "/results", figures: dir + "/figures", baselines: dir + "/baselines")
    guard store else { return (root, space) }
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,4"])
    let records = try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c)
    let sources = try #require(SourceFingerprint.of(ToyExperiment.self, root: root))
    let provenance = Provenance(gitCommit: commit, dirtyFiles: [], sources: sources, platform: platform)
    try FileManager.default.createDirectory(atPath: space.results, withIntermediateDirectories: true)
    try ResultWriter.write(
      to: space.resultPath(ToyExperiment.id), experiment: ToyExperiment.self, configuration: c, records: records,
      provenance: provenance, created: Date(timeIntervalSince1970: 1_800_000_000), wallSeconds: 1.5)
    return (root, space)
  }

  static func request(_ root: String, _ space: Workspace, out: String, force: Bool = false) -> ArchiveBundle.Request {
    ArchiveBundle.Request(
      experiments: [ToyExperiment.self], workspace: space, preset: .quick, out: out, force: force, sourceRoot: root,
      date: Date(timeIntervalSince1970: 1_900_000_000))
  }

  static func graph(_ out: String) throws -> [String: [String: Any]] {
    let data = try Data(contentsOf: URL(fileURLWithPath: out + "/ro-crate-metadata.json"))
    let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let graph = try #require(document["@graph"] as? [[String: Any]])
    return Dictionary(uniqueKeysWithValues: graph.map { ($0["@id"] as! String, $0) })
  }

  static func ids(_ value: Any?) -> [String] {
    if let o = value as? [String: Any], let id = o["@id"] as? String { return [id] }
    return (value as? [Any] ?? []).flatMap { ids($0) }
  }

  @Test func theCrateOfASyntheticResult() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (root, space) = try Self.fixture(dir)
    let out = dir + "/bundle"
    let summary = try ArchiveBundle.write(Self.request(root, space, out: out))
    #expect(summary.results == 1)
    let g = try Self.graph(out)

    // Closed: every reference that is not an absolute URI names an entity of the graph.
    for entity in g.values {
      for (key, value) in entity where key != "@id" {
        for id in Self.ids(value) where !id.contains("://") {
          #expect(g[id] != nil, "\(entity["@id"]!).\(key) references \(id), which is not in the graph")
        }
      }
    }
    let rootEntity = try #require(g["./"])
    #expect(Self.ids(rootEntity["conformsTo"]) == ["https://w3id.org/ro/wfrun/process/0.5"])
    #expect(g["ro-crate-metadata.json"]?["conformsTo"] as? [String: String] == ["@id": "https://w3id.org/ro/crate/1.1"])
    #expect(rootEntity["datePublished"] as? String == "2030-03-17T17:46:40Z")
    #expect(Self.ids(rootEntity["license"]) == ["https://spdx.org/licenses/MIT"])
    #expect(
      Self.ids(rootEntity["author"]).compactMap { g[$0]?["name"] as? String } == ["toy contributors", "Jane Doe"])

    // One CreateAction, for the result, with what the file records.
    let actions = g.values.filter { $0["@type"] as? String == "CreateAction" }
    #expect(actions.count == 1)
    let action = try #require(actions.first)
    #expect(Self.ids(rootEntity["mentions"]) == [action["@id"] as! String])
    #expect(Self.ids(action["result"]) == ["results/quick/toy2000-noise.h5"])
    #expect(action["startTime"] as? String == "2027-01-15T08:00:00+00:00")
    #expect(action["endTime"] as? String == "2027-01-15T08:00:02+00:00")
    let parameters = Dictionary(
      uniqueKeysWithValues: Self.ids(action["object"]).map { (g[$0]!["name"] as! String, g[$0]!["value"]!) })
    #expect(parameters["d"] as? String == "[2,4]")
    #expect(parameters["preset"] as? String == "quick")
    #expect((parameters["scale"] as? NSNumber)?.doubleValue == 0.5)
    let platform = Dictionary(
      uniqueKeysWithValues: Self.ids(action["additionalProperty"]).map {
        (g[$0]!["name"] as! String, g[$0]!["value"] as! String)
      })
    #expect(platform["platform_cpu"] == "Test CPU 9000")
    #expect(platform["platform_blas_core"] == "Testcore")

    // The instrument: repro at the commit, its sources with their hashes, the libraries the file names.
    let software = try #require(g[Self.ids(action["instrument"]).first ?? ""])
    #expect(software["@type"] as? String == "SoftwareApplication")
    #expect(software["softwareVersion"] as? String == Self.commit)
    #expect(
      Self.ids(software["hasPart"]).sorted() == [
        "Package.swift", "Sources/Harness/Engine.swift", "experiments/toy2000/noise.swift",
      ])
    #expect(g["experiments/toy2000/noise.swift"]?["sha256"] as? String == SHA256.hex("// the toy module\n"))
    let requirements = Self.ids(software["softwareRequirements"]).compactMap { g[$0] }
    #expect(
      requirements.map { "\($0["name"]!) \($0["softwareVersion"]!)" }.sorted() == [
        "HDF5 1.2.3", "OpenBLAS 9.8.7", "Swift 6.9",
      ])

    // Every file is in the bundle with the hash and size the crate gives, and every bundled file is in the crate.
    let files = g.values.filter { $0["@type"] as? String == "File" }
    for file in files {
      let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + (file["@id"] as! String)))
      #expect(file["sha256"] as? String == SHA256.hex(data))
      #expect(file["contentSize"] as? String == String(data.count))
    }
    let onDisk = try FileManager.default.subpathsOfDirectory(atPath: out).filter {
      var isDirectory: ObjCBool = false
      return FileManager.default.fileExists(atPath: out + "/" + $0, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
    #expect(Set(onDisk) == Set(files.map { $0["@id"] as! String } + ["ro-crate-metadata.json"]))
    #expect(Set(Self.ids(rootEntity["hasPart"])) == Set(files.map { $0["@id"] as! String }))
    let result = try #require(g["results/quick/toy2000-noise.h5"])
    #expect(result["encodingFormat"] as? String == "application/x-hdf5")

    // The gallery's link to the setting resolves inside the bundle.
    let gallery = try String(contentsOfFile: out + "/results/quick/figures/README.md", encoding: .utf8)
    #expect(gallery.contains("](../../../experiments/toy2000/README.md)"))
    #expect(FileManager.default.fileExists(atPath: out + "/experiments/toy2000/README.md"))

    // The bundle's citation names the commit.
    let cff = try String(contentsOfFile: out + "/CITATION.cff", encoding: .utf8)
    #expect(cff.contains("\ncommit: \"\(Self.commit)\"\n") && cff.contains("\nversion: \"\(Self.commit)\"\n"))
    #expect(!cff.contains("version: \"0.1\""))
  }

  /// FIPS 180-2's long vector (one million 'a'), beside the short ones in ProvenanceTests: every file of an
  /// archive is hashed with this code.
  @Test func sha256OfOneMillionA() {
    #expect(
      SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func citationIsReadAndRewritten() {
    let c = Citation(
      text:
        "# comment\ncff-version: 1.2.0\ntitle: \"A \\\"quoted\\\" title\"\nauthors:\n  - name: \"repro contributors\"\nversion: \"0.2.0\"\nreferences:\n  - title: \"Paper\"\n    authors:\n      - family-names: X\n"
    )
    #expect(c.title == "A \"quoted\" title")
    #expect(c.authors == [Citation.Author(name: "repro contributors", isPerson: false)])
    let bundled = c.forBundle(commit: "abc", date: Date(timeIntervalSince1970: 0))
    #expect(bundled.hasSuffix("version: \"abc\"\ncommit: \"abc\"\ndate-released: \"1970-01-01\"\n"))
    #expect(!bundled.contains("0.2.0") && bundled.contains("      - family-names: X\n"))
  }
}
