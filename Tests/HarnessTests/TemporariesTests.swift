import Foundation
import HDF5
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
    let here = "h" + TemporaryName.host
    let names = [
      ".toy2000-noise.h5.tmp-\(dead)-\(here)-1a2b": Date(),  // this machine, writer gone: removed at once
      ".p.h5.tmp-\(dead)-\(here)-4711-3-1-ff": Date(),  // the same, with a Slurm tag: removed
      ".old.h5.tmp-\(dead)-1a2b": old,  // no host (an older name), old: removed
      ".young.h5.tmp-\(dead)-1a2b": Date(),  // no host, just written (maybe another node's): kept
      ".far.h5.tmp-\(dead)-h0badf00d-1a2b": Date(),  // another host, just written: kept
      ".farold.h5.tmp-\(dead)-h0badf00d-1a2b": old,  // another host, old: removed
      ".mine.h5.tmp-\(getpid())-\(here)-1a2b": old,  // this process: kept
      "toy2000-noise.h5": old,  // a result: kept
      ".hidden": old,  // not ours: kept
    ]
    for (name, date) in names {
      let path = dir + "/" + name
      FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
      try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
    }
    let removed = Temporaries.removeStale(in: dir)
    #expect(
      Set(removed) == [
        ".toy2000-noise.h5.tmp-\(dead)-\(here)-1a2b", ".p.h5.tmp-\(dead)-\(here)-4711-3-1-ff",
        ".old.h5.tmp-\(dead)-1a2b", ".farold.h5.tmp-\(dead)-h0badf00d-1a2b",
      ])
    let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
    #expect(
      left == [
        ".young.h5.tmp-\(dead)-1a2b", ".far.h5.tmp-\(dead)-h0badf00d-1a2b", ".mine.h5.tmp-\(getpid())-\(here)-1a2b",
        "toy2000-noise.h5", ".hidden",
      ])
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
