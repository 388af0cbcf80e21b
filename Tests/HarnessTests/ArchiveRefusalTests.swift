import Foundation
import HDF5
import SourceHash
import Testing

@testable import Harness

/// What `repro archive` refuses, each as one line, and that a refusal or a failure leaves the destination as it
/// was with nothing beside it; sources that changed since the run come from git at the result's commit.
@Suite struct ArchiveRefusalTests {
  typealias Fixture = ArchiveCrateTests

  /// Everything in `dir` (hidden names too): a refusal must leave no temporary behind.
  static func listing(_ dir: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
  }

  static func refusal(_ body: () throws -> Void) -> ReproError? {
    do { try body() } catch let error as ReproError { return error } catch { return .failed("\(error)") }
    return nil
  }

  @Test func anExistingNonEmptyDestinationNeedsForce() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (root, space) = try Fixture.fixture(dir)
    let out = dir + "/out"
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: URL(fileURLWithPath: out + "/mine.txt"))
    let before = Self.listing(dir)

    let error = Self.refusal { _ = try ArchiveBundle.write(Fixture.request(root, space, out: out)) }
    #expect(error?.description.contains("--force") == true)
    #expect(error?.description.contains("\n") == false)
    #expect(Self.listing(out) == ["mine.txt"])
    #expect(Self.listing(dir) == before)

    _ = try ArchiveBundle.write(Fixture.request(root, space, out: out, force: true))
    #expect(!Self.listing(out).contains("mine.txt") && Self.listing(out).contains("ro-crate-metadata.json"))
    #expect(Self.listing(dir) == before)

    // An empty directory is taken without --force.
    let empty = dir + "/empty"
    try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    _ = try ArchiveBundle.write(Fixture.request(root, space, out: empty))
    #expect(Self.listing(empty).contains("CITATION.cff"))
  }

  @Test func missingResultsFilesAndUnwritablePlacesAreOneLine() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (root, space) = try Fixture.fixture(dir, store: false)
    let missing = Self.refusal { _ = try ArchiveBundle.write(Fixture.request(root, space, out: dir + "/out")) }
    #expect(missing?.description.contains("repro run toy2000-noise --preset quick") == true)
    #expect(missing?.exitCode == 2)
    #expect(!FileManager.default.fileExists(atPath: dir + "/out"))

    _ = try Fixture.fixture(dir)
    // A result of another preset than the one asked for.
    var paper = Fixture.request(root, space, out: dir + "/out")
    paper.preset = .paper
    #expect(Self.refusal { _ = try ArchiveBundle.write(paper) }?.description.contains("give --preset quick") == true)

    // A destination that is a file, and one under a file (cannot be created).
    try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/file"))
    let file = Self.refusal { _ = try ArchiveBundle.write(Fixture.request(root, space, out: dir + "/file")) }
    #expect(file?.description.contains("is not a directory") == true)
    let under = Self.refusal { _ = try ArchiveBundle.write(Fixture.request(root, space, out: dir + "/file/sub")) }
    #expect(under?.description.hasPrefix("cannot write \(dir)/file/sub") == true)
    #expect(under?.description.contains("\n") == false)
  }

  @Test func aFailureBeforeTheRenameLeavesNothing() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (root, space) = try Fixture.fixture(dir)
    let before = Self.listing(dir)
    var request = Fixture.request(root, space, out: dir + "/out")
    request.beforeRename = { _ in throw ReproError.failed("killed") }
    #expect(Self.refusal { _ = try ArchiveBundle.write(request) }?.description == "killed")
    #expect(Self.listing(dir) == before)

    // What a killed archive left beside its destination is removed by the next one.
    let killed = dir + "/.out.tmp-\(try TemporariesTests.deadPid())-h\(TemporaryName.host)-abc"
    try FileManager.default.createDirectory(atPath: killed + "/results", withIntermediateDirectories: true)
    _ = try ArchiveBundle.write(Fixture.request(root, space, out: dir + "/out"))
    #expect(Self.listing(dir) == (before + ["out"]).sorted())
  }

  /// A source edited since the run: its bytes at the result's commit are archived (their hash is the one the
  /// result records); a source neither on disk nor in git is refused by name.
  @Test func sourcesComeFromGitWhenTheTreeHasMoved() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (root, space) = try Fixture.fixture(dir, store: false)
    func git(_ args: String...) throws {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      p.arguments = ["git", "-C", root, "-c", "user.name=t", "-c", "user.email=t@t"] + args
      p.standardOutput = FileHandle.nullDevice
      try p.run()
      p.waitUntilExit()
      #expect(p.terminationStatus == 0)
    }
    try git("init", "-q")
    try git("add", "-A")
    try git("commit", "-qm", "tree")
    let head = String(decoding: ArchiveSources.git(["rev-parse", "HEAD"], in: root)!, as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    // The result records the committed sources and the commit.
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,4"])
    let records = try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c)
    let sources = try #require(SourceFingerprint.of(ToyExperiment.self, root: root))
    try FileManager.default.createDirectory(atPath: space.results, withIntermediateDirectories: true)
    func write(commit: String) throws {
      try ResultWriter.write(
        to: space.resultPath(ToyExperiment.id), experiment: ToyExperiment.self, configuration: c, records: records,
        provenance: Provenance(gitCommit: commit, dirtyFiles: [], sources: sources, platform: Fixture.platform),
        created: Date(), wallSeconds: 1)
    }
    try write(commit: head)
    try Data("// edited since\n".utf8).write(to: URL(fileURLWithPath: root + "/experiments/toy2000/noise.swift"))

    _ = try ArchiveBundle.write(Fixture.request(root, space, out: dir + "/out"))
    let archived = try Data(contentsOf: URL(fileURLWithPath: dir + "/out/experiments/toy2000/noise.swift"))
    #expect(String(decoding: archived, as: UTF8.self) == "// the toy module\n")

    // Recorded at a commit that does not exist: the edited file cannot be recovered.
    try write(commit: String(repeating: "f", count: 40))
    let error = Self.refusal { _ = try ArchiveBundle.write(Fixture.request(root, space, out: dir + "/out2")) }
    #expect(error?.description.contains("experiments/toy2000/noise.swift") == true)
    #expect(!FileManager.default.fileExists(atPath: dir + "/out2"))
  }
}
