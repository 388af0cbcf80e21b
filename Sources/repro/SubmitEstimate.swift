import Foundation
import Harness

extension SubmitResources {
  /// The estimate of each task's shard: its points not yet stored, `jobs` at a time, timed as `repro run
  /// --dry-run` times them (`TimeEstimate`: `make bench`'s rates for this CPU, else calibrated on the stored
  /// baseline of the preset, the paper preset's for the cluster preset) and sized as `repro run`'s memory check
  /// sizes them (`MemoryBudget.need`).
  static func shards(
    _ e: any Experiment.Type, _ configuration: Configuration, preset: Preset, space: Workspace, store: PointStore?,
    tasks: [Int], of n: Int, jobs: Int
  ) -> (shards: [TaskEstimate], source: String?) {
    let basis = preset.hasBaselines ? preset : .paper
    let baseline = try? Results.read(space.baselinePath(e.id, preset: basis))
    let sweep = (try? Configuration(experiment: e, preset: basis, overrides: []).points) ?? []
    let rates = MachineRates.read(
      MachineRates.path(results: Workspace.defaultResults(.paper)), cpu: Platform.current.cpu)
    var source: String?
    let shards = tasks.map { k -> TaskEstimate in
      let todo = configuration.points.filter { Shard.contains($0, k, n) && store?.contains($0) != true }
      let time = TimeEstimate.of(e, points: todo, jobs: jobs, baseline: baseline, baselinePoints: sweep, rates: rates)
      if let time, !todo.isEmpty { source = time.source }
      return TaskEstimate(
        task: k, points: todo.count, seconds: time?.seconds,
        memoryBytes: MemoryBudget.need(e, todo, jobs: jobs)?.atOnce)
    }
    return (shards, source)
  }

  /// The array's time limit in seconds from its shards' estimates (the largest), nil when a shard has none.
  static func timeLimit(_ shards: [TaskEstimate]) -> Int? {
    let seconds = shards.map(\.seconds)
    guard !seconds.isEmpty, seconds.allSatisfy({ $0 != nil }) else { return nil }
    return timeLimit(estimate: seconds.compactMap { $0 }.max() ?? 0)
  }

  /// The array's memory request ("900M") from its shards' estimates (the largest), nil when none declares one.
  static func memory(_ shards: [TaskEstimate]) -> String? {
    shards.compactMap(\.memoryBytes).max().map { "\(memoryMiB(bytes: $0))M" }
  }

  /// One line per task ("task 3: 12 points, estimate 40 s, memory ≈ 120 MiB"), or a summary of many.
  static func describe(_ shards: [TaskEstimate], limit: Int = 20) -> [String] {
    func line(_ s: TaskEstimate) -> String {
      "task \(s.task): \(s.points) point(s) to compute, estimate \(s.seconds.map(formatDuration) ?? "none")"
        + (s.memoryBytes.map { ", memory ≈ \(MemoryBudget.format($0))" } ?? "")
    }
    if shards.count <= limit { return shards.map(line) }
    let known = shards.compactMap(\.seconds).sorted()
    guard let low = known.first, let high = known.last else {
      return ["\(shards.count) tasks: no time estimate"]
    }
    let slowest = shards.max { ($0.seconds ?? 0) < ($1.seconds ?? 0) }!
    return [
      "\(shards.count) tasks: estimates from \(formatDuration(low)) to \(formatDuration(high)) (median \(formatDuration(known[known.count / 2]))); the slowest:",
      line(slowest),
    ]
  }
}
