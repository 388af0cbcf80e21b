import ArgumentParser
import Experiments
import Foundation
import Harness

/// Shards of a sweep: point i (0-based) belongs to shard (i mod N) + 1 of N.
enum Shard {
  static func parse(_ text: String) throws(ReproError) -> (Int, Int) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
      throw ReproError.badValue("--shard takes K/N with 1 ≤ K ≤ N (e.g. --shard 2/4), got '\(text)'")
    }
    return (k, n)
  }

  static func contains(_ point: Point, _ k: Int, _ n: Int) -> Bool { point.index % n == k - 1 }

  /// `results/<id>.slurm/`: the job scripts, the tasks' logs, and the shard count of the last `submit`.
  static func logs(results: String, id: String) -> String {
    (results as NSString).appendingPathComponent("\(id).slurm")
  }

  /// Where `submit` records N, so that `--resubmit-missing` and `merge` name the same shards.
  static func countFile(results: String, id: String) -> String {
    (logs(results: results, id: id) as NSString).appendingPathComponent("shards")
  }

  /// The N of the last `submit`, if there was one.
  static func submittedCount(results: String, id: String) -> Int? {
    (try? String(contentsOfFile: countFile(results: results, id: id), encoding: .utf8))
      .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }.flatMap { $0 >= 1 ? $0 : nil }
  }
}

struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Assemble results/<id>.h5 from the point store once every point is there (after `run --shard`).",
    discussion: "Example: repro merge gao2019-capacity --preset quick --set d=5,10")

  @Argument(help: "The experiment id (see `repro list`).")
  var id: String

  @Option(help: "Parameter preset the shards were run with: paper or quick.")
  var preset: Preset = .paper

  @Option(
    name: .customLong("set"),
    help: ArgumentHelp("The overrides the shards were run with.", valueName: "name=value[,value…]")
  )
  var overrides: [String] = []

  @Flag(
    help:
      "Compute every point here instead of reading the store (as `run --fresh`): for a store whose points are damaged or doubted."
  )
  var fresh = false

  @OptionGroup var results: ResultsOption

  func run() throws {
    try reporting {
      let e = try experiment(named: id)
      let configuration = try Configuration(experiment: e, preset: preset, overrides: overrides)
      let space = Workspace(preset, results: results)
      if fresh {
        let path = try space.run(
          e, configuration, runner: Runner(jobs: ProcessInfo.processInfo.activeProcessorCount, quiet: true),
          fresh: true)
        printOut("wrote \(path) (\(configuration.points.count) points computed afresh, preset \(preset.rawValue))")
        return
      }
      guard let store = space.store(e, Provenance.current(for: e)) else {
        throw ReproError.failed(
          "the sources of \(e.id) are not found, so its stored points cannot be matched: run from the source tree")
      }
      let missing = configuration.points.filter { !store.contains($0) }
      guard missing.isEmpty else {
        let shown = missing.prefix(5).map { "\($0.index + 1)" }.joined(separator: ", ")
        let more = missing.count > 5 ? ", …" : ""
        let options = typedOptions(preset: preset, overrides: overrides, results: results)
        // After `repro submit`, name the shards too.
        var shards = ""
        if let n = Shard.submittedCount(results: space.results, id: e.id) {
          let list = Set(missing.map { $0.index % n + 1 }).sorted().map(String.init).joined(separator: ",")
          shards = " (shards \(list) of \(n); `repro submit \(e.id)\(options) --resubmit-missing` reruns them)"
        }
        throw ReproError.missing(
          "\(e.id): \(missing.count) of \(configuration.points.count) points are not in the store (points \(shown)\(more))\(shards); compute them with `repro run \(e.id)\(options)` (only the missing ones run) or rerun their shards"
        )
      }
      let path = try space.run(e, configuration, runner: Runner(jobs: 1, quiet: true))
      printOut("wrote \(path) (\(configuration.points.count) points from the store, preset \(preset.rawValue))")
    }
  }
}

struct CleanStore: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clean-store",
    abstract:
      "Remove stored points computed by sources that have since changed, and unreadable ones (with --all: every stored point)."
  )

  @Argument(help: "The experiment id (default: every experiment).")
  var id: String?

  @Flag(help: "Remove every stored point, current ones too.")
  var all = false

  @OptionGroup var results: ResultsOption

  func run() throws {
    try reporting {
      let experiments = try id.map { [try experiment(named: $0)] } ?? allExperiments
      var current: [String: String] = [:]
      for e in experiments {
        // The points this binary reads and writes are those of the sources it was built from.
        current[e.id] = SourceFingerprint.built(for: e).digest
      }
      // Both presets' stores unless --results names one directory.
      let directories = results.path.map { [$0] } ?? Preset.allCases.map(Workspace.defaultResults)
      var removed: [String] = []
      var inUse: [String] = []
      for directory in directories {
        removed += try PointStore.clean(results: directory, experiments: current, all: all) { inUse.append($0) }
      }
      printOut(
        removed.isEmpty
          ? "nothing to remove" : "removed \(removed.count) stored version(s): " + removed.joined(separator: ", "))
      if !inUse.isEmpty {
        printOut(
          "left \(inUse.count) stored version(s) that a running run is using: \(inUse.joined(separator: ", ")); clean again when it ends"
        )
      }
    }
  }
}
