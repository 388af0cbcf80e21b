import Dispatch
import Experiments
import Foundation
import Gao2019Experiments
import HDF5
import Synchronization
import Testing

@testable import Harness

/// Issue 21, item 11: two commands on one result or one point store, interleaved deterministically through
/// the hooks where the race was (not by hoping for a 1-in-30 timing).
@Suite(.serialized) struct ConcurrentWritersTests {
  static func quick(_ overrides: [String] = []) throws -> Configuration {
    try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: overrides)
  }

  /// `check` has read the result when a `run` replaces it: the run waits for the check (the result's lock),
  /// so the file ends as the run wrote it, with the claims of its own numbers (the check used to store the
  /// claims of the numbers it had read into the run's file, or put its copy of the old file back).
  @Test func checkBesideRunNeverMixesTwoResults() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let ws = Workspace(results: dir + "/results", figures: dir + "/figures", baselines: dir + "/baselines")
    let path = try ws.run(ToyExperiment.self, try Self.quick(), runner: Runner(quiet: true))
    let runFinished = DispatchSemaphore(value: 0)
    let once = Mutex(false)
    WorkspaceHooks.afterCheckRead = { read in
      guard read == path,
        once.withLock({
          let first = !$0
          $0 = true
          return first
        })
      else { return }
      Thread.detachNewThread {
        _ = try? ws.run(ToyExperiment.self, try! Self.quick(["d=2,3,4"]), runner: Runner(quiet: true))
        runFinished.signal()
      }
      // Without a lock the run completes here; with it, it waits for this check to end.
      if runFinished.wait(timeout: .now() + 3) == .success { runFinished.signal() }
    }
    defer { WorkspaceHooks.afterCheckRead = nil }
    _ = try ws.check(ToyExperiment.self)
    WorkspaceHooks.afterCheckRead = nil
    runFinished.wait()
    let final = try Results.read(path)
    #expect(final.points.count == 3, "the run's result was replaced")
    let stored = ClaimStore.read(path)?.map(\.verdict.observed)
    #expect(try stored == ClaimStore.evaluate(ToyExperiment.self, final).map(\.verdict.observed))
  }

  /// A run replaces the result after `bless` has read it: what is blessed is what was validated (the preset's
  /// parameters), never the other run's file.
  @Test func blessCopiesExactlyWhatItValidated() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let ws = Workspace(results: dir + "/results", figures: dir + "/figures", baselines: dir + "/baselines")
    let path = try ws.run(ToyExperiment.self, try Self.quick(), runner: Runner(quiet: true))
    let own = try Self.quick().json
    BaselineHooks.afterResultRead = { read in
      guard read == path else { return }
      _ = try? ws.run(ToyExperiment.self, try! Self.quick(["d=7"]), runner: Runner(quiet: true))
    }
    defer { BaselineHooks.afterResultRead = nil }
    let baseline = try ws.bless(ToyExperiment.self, preset: .quick, force: false)
    BaselineHooks.afterResultRead = nil
    #expect(try Results.read(path).string("parameters") != own, "the hook did not replace the result")
    #expect(try Results.read(baseline).string("parameters") == own)
  }

  /// `clean-store --all` leaves a store that a run holds, and says so; once released, it goes.
  @Test func cleanStoreLeavesAHeldStore() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = PointStore(results: dir, experiment: ToyExperiment.id, digest: String(repeating: "cd", count: 32))
    let c = try Self.quick()
    _ = try Runner(quiet: true).run(ToyExperiment.self, c, store: store)
    var held: StoreHold? = try store.hold()
    var inUse: [String] = []
    let removed = try PointStore.clean(
      results: dir, experiments: [ToyExperiment.id: String(repeating: "cd", count: 32)], all: true
    ) { inUse.append($0) }
    #expect(removed.isEmpty && inUse == [store.directory])
    #expect(store.contains(c.points[0]))
    withExtendedLifetime(held) {}
    held = nil
    let later = try PointStore.clean(
      results: dir, experiments: [ToyExperiment.id: String(repeating: "cd", count: 32)], all: true)
    #expect(later == [store.directory] && !store.contains(c.points[0]))
  }

  /// A real run holds its store to the end: `clean-store --all` in the middle of it (here, while the run
  /// stores its claims) removes nothing of it, so the run's points survive (it used to remove them under it).
  @Test func aRunningRunHoldsItsStore() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let ws = Workspace(results: dir + "/results", figures: dir + "/figures", baselines: dir + "/baselines")
    let e = Gao2019Lazy.self
    guard let store = ws.store(e, Provenance.current(for: e)) else {
      Issue.record("the sources of \(e.id) are not found: run the tests from the package root")
      return
    }
    let digest = SourceFingerprint.of(e)!.digest
    let inUse = Mutex<[String]>([])
    let removed = Mutex<[String]>([])
    let path = ws.resultPath(e.id)
    WorkspaceHooks.afterCheckRead = { read in
      guard read == path else { return }
      let gone = try? PointStore.clean(results: ws.results, experiments: [e.id: digest], all: true) { held in
        inUse.withLock { $0.append(held) }
      }
      removed.withLock { $0 += gone ?? [] }
    }
    defer { WorkspaceHooks.afterCheckRead = nil }
    let c = try Configuration(experiment: e, preset: .quick, overrides: ["m=64", "iterations=20"])
    try ws.run(e, c, runner: Runner(jobs: 1, quiet: true))
    WorkspaceHooks.afterCheckRead = nil
    #expect(removed.withLock { $0 }.isEmpty)
    #expect(inUse.withLock { $0 } == [store.directory])
    #expect(c.points.allSatisfy(store.contains))
  }
}
