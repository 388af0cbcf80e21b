import ArgumentParser
import Experiments
import Foundation
import Harness

struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Assemble results/<id>.h5 from the point store once every point is there (after `run --shard`).",
    discussion: "Example: repro merge gao2019-capacity --preset quick --set d=5,10")

  @Argument(help: "The experiment id (see `repro list`).")
  var id: String

  @Option(help: "Parameter preset the shards were run with: paper, quick or cluster.")
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
