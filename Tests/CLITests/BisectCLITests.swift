import Foundation
import Testing

/// `repro bisect`'s refusals of bad input: one line each, naming the fix, before any worktree or build.
@Suite struct BisectCLITests {
  /// A git repository with a Package.swift and three commits (tags one, two, three) and a side branch.
  static func repository() throws -> String {
    let dir = CLITests.scratch()
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = [
      "-c",
      """
      git init -q . && echo 'let p = 1' > Package.swift && git add -A && git commit -qm one && git tag one
      echo 2 >> Package.swift && git commit -qam two && git tag two && echo 3 >> Package.swift && git commit -qam three
      git tag three && git checkout -q -b side one && echo s >> Package.swift && git commit -qam side && git tag side
      git checkout -q three && echo dirty >> Package.swift
      """,
    ]
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    p.environment = ProcessInfo.processInfo.environment.merging([
      "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
    ]) { $1 }
    try p.run()
    p.waitUntilExit()
    return dir
  }

  static func refused(_ args: [String], in dir: String, saying text: String) throws {
    let r = try CLITests.repro(["bisect"] + args, in: dir)
    #expect(r.status == 64, "\(args): exit \(r.status): \(r.stderr)")
    #expect(OneLineErrorCLITests.oneLine(r), "\(args): \(r.stderr)")
    #expect(r.stderr.contains(text), "\(args): \(r.stderr)")
    #expect(r.stdout.isEmpty, "\(args): \(r.stdout)")
  }

  @Test func badInputIsOneLineWithTheFix() throws {
    let dir = try Self.repository()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let id = "vardi2022-flip-vs-samples"
    try Self.refused(
      [id, "--good", "nosuch", "--bad", "three"], in: dir, saying: "--good nosuch is not a commit of this repository")
    try Self.refused([id, "--good", "one", "--bad", "deadbeef"], in: dir, saying: "--bad deadbeef is not a commit")
    try Self.refused([id, "--good", "three", "--bad", "one"], in: dir, saying: "is not an ancestor of --bad one")
    try Self.refused([id, "--good", "side", "--bad", "three"], in: dir, saying: "is not an ancestor")
    try Self.refused([id, "--good", "two", "--bad", "two"], in: dir, saying: "the same commit")
    try Self.refused(["vardi2022-nosuch", "--good", "one", "--bad", "three"], in: dir, saying: "vardi2022-nosuch")
    try Self.refused([id, "--good", "one", "--bad", "three", "--jobs", "0"], in: dir, saying: "--jobs")
  }

  @Test func outsideAGitRepositoryItSaysSo() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Self.refused(
      ["vardi2022-flip-vs-samples", "--good", "a", "--bad", "b"], in: dir, saying: "is not in a git repository")
  }

  @Test func aMissingGoodOrBadIsAParseErrorNamingIt() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try CLITests.repro(["bisect", "vardi2022-flip-vs-samples", "--good", "a"], in: dir)
    #expect(r.status == 64 && r.stderr.contains("--bad"), "\(r.stderr)")
  }
}
