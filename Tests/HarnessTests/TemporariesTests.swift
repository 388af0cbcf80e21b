import Foundation
import Testing

@testable import Harness

/// Issue 13, item 1: temporaries of killed runs are removed by the next run, and nothing else is.
@Suite struct TemporariesTests {
  /// The pid of a process that has exited.
  static func deadPid() throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/true")
    try p.run()
    p.waitUntilExit()
    return p.processIdentifier
  }

  @Test func staleTemporariesOfDeadProcessesGo() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let dead = try Self.deadPid()
    let old = Date(timeIntervalSinceNow: -3600)
    let names = [
      ".toy2000-noise.h5.tmp-\(dead)-1a2b": old,  // dead and old: removed
      ".p.h5.tmp-\(dead)-4711-3-1-ff": old,  // dead, with a Slurm tag: removed
      ".young.h5.tmp-\(dead)-1a2b": Date(),  // dead but just written (maybe another node's): kept
      ".mine.h5.tmp-\(getpid())-1a2b": old,  // this process: kept
      "toy2000-noise.h5": old,  // a result: kept
      ".hidden": old,  // not ours: kept
    ]
    for (name, date) in names {
      let path = dir + "/" + name
      FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
      try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
    }
    let removed = Temporaries.removeStale(in: dir)
    #expect(Set(removed) == [".toy2000-noise.h5.tmp-\(dead)-1a2b", ".p.h5.tmp-\(dead)-4711-3-1-ff"])
    let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
    #expect(left == [".young.h5.tmp-\(dead)-1a2b", ".mine.h5.tmp-\(getpid())-1a2b", "toy2000-noise.h5", ".hidden"])
  }

  /// A run clears what an earlier, killed run left in the results directory.
  @Test func aRunClearsTheResultsDirectory() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let stale = dir + "/.toy2000-noise.h5.tmp-\(try Self.deadPid())-beef"
    FileManager.default.createFile(atPath: stale, contents: Data("partial".utf8))
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -600)], ofItemAtPath: stale)
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2", "seeds=1"])
    try Workspace(results: dir).run(ToyExperiment.self, c, runner: Runner(jobs: 1, quiet: true))
    #expect(!FileManager.default.fileExists(atPath: stale))
  }
}
