import Experiments
import Foundation
import Testing
import Vardi2022Experiments

@testable import Harness

/// `CommitFingerprints`: the fingerprint of an experiment at a commit, read from git's blobs, equals the one
/// `SourceFingerprint.of` computes on a checkout of that commit (the reference), and moves exactly when one of
/// the experiment's own sources changes.
@Suite struct CommitFingerprintTests {
  static func sh(_ dir: String, _ script: String) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", script]
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    p.environment = ProcessInfo.processInfo.environment.merging([
      "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
    ]) { $1 }
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "\(script)")
  }

  @Test func theFingerprintFromGitIsTheCheckoutsAndMovesOnlyWithTheExperimentsSources() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bisect-fp-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Self.sh(
      dir,
      """
      git init -q . && mkdir -p Sources/Harness Sources/repro experiments/vardi2022 experiments/gao2019 experiments/Shared experiments/.hidden
      echo 'let package = 1' > Package.swift; echo 'let a = 1' > Sources/Harness/A.swift; echo doc > Sources/Harness/README.md
      echo 'cli' > Sources/repro/Main.swift; echo 'let n = 4' > experiments/vardi2022/flip-vs-samples.swift
      echo 'setting' > experiments/vardi2022/Vardi2022Setting.swift; echo 'other' > experiments/vardi2022/width.swift
      echo 'lazy' > experiments/gao2019/lazy.swift; echo 'shared' > experiments/Shared/S.swift; echo h > experiments/.hidden/x.swift
      echo readme > README.md; git add -A && git commit -qm one
      echo 'other paper' >> experiments/gao2019/lazy.swift; echo more >> README.md; echo doc2 >> Sources/Harness/README.md
      git commit -qam two
      echo 'let n = 5' > experiments/vardi2022/flip-vs-samples.swift; git commit -qam three
      """)
    let git = Git(directory: dir)
    let fingerprints = CommitFingerprints(git: git, scratch: dir)
    let e = Vardi2022FlipVsSamples.self
    let head = try git.resolve("HEAD", as: "bad")
    let atHead = try fingerprints.of(e, at: head)
    let onDisk = try #require(SourceFingerprint.of(e, root: dir))
    #expect(atHead.files == onDisk.files)
    #expect(atHead.digest == onDisk.digest)
    #expect(
      atHead.files.keys.sorted() == [
        "Package.swift", "Sources/Harness/A.swift", "experiments/Shared/S.swift",
        "experiments/vardi2022/Vardi2022Setting.swift", "experiments/vardi2022/flip-vs-samples.swift",
      ])
    // Commit two changes another paper's module and READMEs only; commit three the module itself.
    let one = try fingerprints.of(e, at: try git.resolve("HEAD~2", as: "good"))
    let two = try fingerprints.of(e, at: try git.resolve("HEAD~1", as: "good"))
    #expect(one.digest == two.digest)
    #expect(two.changes(since: one.files).isEmpty)
    #expect(atHead.changes(since: two.files) == ["changed: experiments/vardi2022/flip-vs-samples.swift"])
    let range = try git.firstParentRange(good: try git.resolve("HEAD~2", as: "good"), bad: head)
    #expect(range.map(\.subject) == ["two", "three"])
  }
}
