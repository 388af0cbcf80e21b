import Foundation
import Testing

/// Issue 21, item 2, from the command line: a binary pointed at a copy of its sources (`REPRO_SOURCE_ROOT`)
/// stores numbers while the copy is what it was built from, and refuses in one line, writing nothing, once a
/// source in it is edited: run, a shard and merge (numbers), check (verdicts) and plot (figures).
@Suite struct BuildCheckCLITests {
  typealias CLI = CLITests

  /// This package's root: three levels above this file.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  @Test func aBinaryRefusesToStoreNumbersOfSourcesItWasNotBuiltFrom() throws {
    let dir = CLI.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let tree = dir + "/tree"
    try FileManager.default.createDirectory(atPath: tree, withIntermediateDirectories: true)
    for item in ["Package.swift", "Sources", "experiments"] {
      try FileManager.default.copyItem(atPath: Self.packageRoot + "/" + item, toPath: tree + "/" + item)
    }
    let id = "gao2019-lazy"
    let env = ["REPRO_SOURCE_ROOT": tree]
    let run = ["run", id, "--preset", "quick", "--quiet", "--jobs", "1"]
    let first = try StoreKeyCLITests.repro(run, in: dir, environment: env)
    #expect(first.status == 0, "\(first.stderr)")
    let result = dir + "/results/quick/\(id).h5"
    let before = try Data(contentsOf: URL(fileURLWithPath: result))

    let module = tree + "/experiments/gao2019/lazy.swift"
    try (try Data(contentsOf: URL(fileURLWithPath: module)) + Data("\n// edited, not rebuilt\n".utf8)).write(
      to: URL(fileURLWithPath: module))
    let refusal =
      "repro: sources changed since the build: run `swift build -c release` or `make build` (gao2019-lazy: changed: experiments/gao2019/lazy.swift)\n"
    for args in [
      run + ["--fresh"], ["run", id, "--preset", "quick", "--shard", "1/2", "--fresh"],
      ["merge", id, "--preset", "quick"], ["check", id, "--preset", "quick"], ["plot", id, "--preset", "quick"],
    ] {
      let refused = try StoreKeyCLITests.repro(args, in: dir, environment: env)
      #expect(refused.status != 0 && refused.stderr == refusal, "\(args): \(refused.stderr)")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: result)) == before)
    #expect(!FileManager.default.fileExists(atPath: dir + "/results/quick/figures/\(id)"), "plot drew figures")
    // status compares the result with the tree on disk: stale, naming the file.
    let status = try StoreKeyCLITests.repro(["status", id, "--preset", "quick"], in: dir, environment: env)
    #expect(status.stdout.contains("experiments/gao2019/lazy.swift"), "\(status.stdout)")
    #expect(status.stderr.contains("built from other sources") && status.stderr.contains(id), "\(status.stderr)")
  }
}
