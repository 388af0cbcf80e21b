import Foundation
import HDF5
import Numerics
import Testing

@testable import Harness

@Suite struct PointStoreTests {
  static let provenance = Provenance(gitCommit: "test", dirtyFiles: [], sources: nil, platform: .current)

  /// The result file of `records`, written with fixed `created` and wall time, as bytes.
  static func bytes(_ records: [Record], _ c: Configuration, in dir: String, name: String) throws -> Data {
    let path = dir + "/\(name).h5"
    try ResultWriter.write(
      to: path, experiment: ToyExperiment.self, configuration: c, records: records, provenance: provenance,
      created: Date(timeIntervalSince1970: 0), wallSeconds: 1)
    return try Data(contentsOf: URL(fileURLWithPath: path))
  }

  static func store(_ dir: String, digest: String = String(repeating: "ab", count: 32)) -> PointStore {
    PointStore(results: dir, experiment: ToyExperiment.id, digest: digest)
  }

  /// A run stopped after some points (here: only the first shard ran) and resumed gives the same file, byte
  /// for byte, as one uninterrupted run; the resumed run computes only what is missing.
  @Test func resumedRunGivesTheSameFile() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,3,4", "seeds=3"])
    let whole = try Runner(jobs: 2, quiet: true).run(ToyExperiment.self, c)
    let store = Self.store(dir)
    let first = try Runner(jobs: 2, quiet: true).run(ToyExperiment.self, c, store: store, selecting: { $0.index < 4 })
    #expect(first.computed == 4 && first.reused == 0)
    let resumed = try Runner(jobs: 2, quiet: true).run(ToyExperiment.self, c, store: store)
    #expect(resumed.reused == 4 && resumed.computed == 5)
    let again = try Runner(jobs: 2, quiet: true).run(ToyExperiment.self, c, store: store)
    #expect(again.reused == 9 && again.computed == 0)
    let a = try Self.bytes(whole, c, in: dir, name: "whole")
    #expect(a == (try Self.bytes(resumed.records.map { $0! }, c, in: dir, name: "resumed")))
    #expect(a == (try Self.bytes(again.records.map { $0! }, c, in: dir, name: "again")))
  }

  /// One more value of a swept parameter computes one more column of points only.
  @Test func extendedSweepComputesOnlyTheNewPoints() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = Self.store(dir)
    let small = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,4", "seeds=2"])
    _ = try Runner(jobs: 2, quiet: true).run(ToyExperiment.self, small, store: store)
    let large = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,3,4", "seeds=2"])
    let outcome = try Runner(jobs: 2, quiet: true).run(ToyExperiment.self, large, store: store)
    #expect(outcome.reused == 4 && outcome.computed == 2)
    let direct = try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, large)
    #expect(
      (try Self.bytes(direct, large, in: dir, name: "direct"))
        == (try Self.bytes(outcome.records.map { $0! }, large, in: dir, name: "extended")))
  }

  /// Shards 1/3, 2/3, 3/3 cover every point once; assembled from the store they give the one-run file.
  @Test func threeShardsMergeToOneRun() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,3,4,5", "seeds=2"])
    let store = Self.store(dir)
    var computed = 0
    for k in 1...3 {
      let shard = try Runner(jobs: 1, quiet: true).run(
        ToyExperiment.self, c, store: store, selecting: { $0.index % 3 == k - 1 })
      #expect(shard.reused == 0)
      computed += shard.computed
    }
    #expect(computed == c.points.count)
    let merged = try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c, store: store)
    #expect(merged.computed == 0)
    let direct = try Runner(jobs: 2, quiet: true).run(ToyExperiment.self, c)
    #expect(
      (try Self.bytes(direct, c, in: dir, name: "direct"))
        == (try Self.bytes(merged.records.map { $0! }, c, in: dir, name: "merged")))
  }

  /// Other sources, another store: a changed module never reuses points; clean-store removes the old ones.
  @Test func changedSourcesNeverReusePoints() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,3", "seeds=1"])
    let old = Self.store(dir, digest: String(repeating: "0", count: 64))
    _ = try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c, store: old)
    let new = Self.store(dir, digest: String(repeating: "1", count: 64))
    let outcome = try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c, store: new)
    #expect(outcome.reused == 0 && outcome.computed == 2)
    let removed = try PointStore.clean(
      results: dir, experiments: [ToyExperiment.id: String(repeating: "1", count: 64)], all: false)
    #expect(removed == [old.directory])
    #expect(
      !FileManager.default.fileExists(atPath: old.directory) && FileManager.default.fileExists(atPath: new.directory))
  }

  /// A stored file that is not a point of this sweep, or not readable, is a one-line error naming the fix.
  @Test func damagedStoredPointIsAOneLineError() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2", "seeds=1"])
    let store = Self.store(dir)
    _ = try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c, store: store)
    try Data("not hdf5".utf8).write(to: URL(fileURLWithPath: store.path(c.points[0])))
    do {
      _ = try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c, store: store)
      Issue.record("a damaged stored point must be refused")
    } catch let error as ReproError {
      #expect("\(error)".contains("clean-store") && !"\(error)".contains("\n"), "\(error)")
    }
    // A fresh run ignores it and rewrites it.
    var fresh = store
    fresh.reads = false
    #expect(try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c, store: fresh).computed == 1)
    #expect(try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c, store: store).reused == 1)
  }

  /// A stored point holds the record exactly: names, order, shapes, notes, NaN and signed zero.
  @Test func storedRecordRoundTripsExactly() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2", "seeds=1"])
    var r = Record()
    r.set("b", .nan, "not a number", units: "ε")
    r.set("a", -0.0, "negative zero")
    r.setCount("c", 3, "a count")
    r.set("second", NDArray(shape: [2, 3], values: [1, 2, 3, 4, 5, .infinity]), "a matrix — ünïcode", units: "m/s")
    r.set("first", [] as [Double], "empty")
    r.set("axis", [0, 5, 10], "an iteration axis")
    r.note("why", "because — ünïcode")
    let store = Self.store(dir)
    try store.save(r, for: c.points[0])
    let back = try #require(try store.load(c.points[0]))
    #expect(back.scalars.map(\.name) == ["b", "a", "c"])
    #expect(back.scalars.map(\.value.bitPattern) == r.scalars.map(\.value.bitPattern))
    #expect(back.arrays.map(\.name) == ["second", "first", "axis"])
    #expect(back.info == r.info && back.info["c"]?.isCount == true && back.info["second"]?.units == "m/s")
    #expect(back.arrays.map(\.value) == r.arrays.map(\.value))
    #expect(back.notes.map(\.value) == ["because — ünïcode"])
    // No temporary file is left behind.
    let left = try FileManager.default.contentsOfDirectory(atPath: store.directory).filter { $0.hasPrefix(".") }
    #expect(left.isEmpty)
  }

  /// Under Slurm the temporary name of a point file carries the job, the array task and the restart count,
  /// so a requeued task that overlaps its first copy never writes the same temporary file.
  @Test func temporaryNamesCarryTheSlurmIds() {
    setenv("SLURM_JOB_ID", "4711", 1)
    setenv("SLURM_ARRAY_TASK_ID", "3", 1)
    setenv("SLURM_RESTART_COUNT", "1", 1)
    let tag = PointStore.temporaryTag
    unsetenv("SLURM_JOB_ID")
    unsetenv("SLURM_ARRAY_TASK_ID")
    unsetenv("SLURM_RESTART_COUNT")
    #expect(tag == "4711-3-1")
    #expect(PointStore.temporaryTag == "")
  }
}
