import ArgumentParser
import Experiments
import Foundation
import Harness

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run one experiment and write results/<id>.h5 (results/quick/<id>.h5 at the quick preset).",
    discussion: "Example: repro run vardi2022-flip-vs-dim --preset quick --set d=500,1000 --set seeds=3")

  @Argument(help: "The experiment id (see `repro list`).")
  var id: String

  @Option(help: "Parameter preset: paper (the figures) or quick (seconds).")
  var preset: Preset = .paper

  @Option(
    name: .customLong("set"), help: ArgumentHelp("Override a parameter; lists sweep.", valueName: "name=value[,value…]")
  )
  var overrides: [String] = []

  @Option(parsing: .unconditional, help: "Sweep points run at once.")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "No progress lines.")
  var quiet = false

  @Flag(
    name: .customLong("if-stale"),
    help: "Run only if the result is stale or missing (see `repro status`); an up-to-date file is left untouched.")
  var ifStale = false

  @Flag(help: "Ignore the point store: compute every point again (and store the new ones).")
  var fresh = false

  @Option(
    help: ArgumentHelp(
      "Compute only shard K of N into the point store (points whose index mod N is K − 1); `repro merge` assembles.",
      valueName: "K/N"))
  var shard: String?

  @OptionGroup var results: ResultsOption

  func run() throws {
    try reporting {
      guard jobs >= 1 else { throw ReproError.badValue("--jobs must be at least 1, got \(jobs)") }
      let e = try experiment(named: id)
      let configuration = try Configuration(experiment: e, preset: preset, overrides: overrides)
      if let shard {
        let (k, n) = try Shard.parse(shard)
        let space = Workspace(preset, results: results)
        let provenance = Provenance.current(for: e)
        guard var store = space.store(e, provenance) else {
          throw ReproError.failed(
            "the sources of \(e.id) are not found, so its points cannot be stored: run from the source tree")
        }
        if fresh { store.reads = false }
        let outcome = try Runner(jobs: jobs, quiet: quiet).run(
          e, configuration, store: store, selecting: { Shard.contains($0, k, n) })
        printOut(
          "shard \(k)/\(n) of \(e.id): \(outcome.computed) points computed, \(outcome.reused) reused, of \(outcome.selected) in the shard (\(configuration.points.count) in the sweep); `repro merge \(e.id)` assembles the result once every shard is done"
        )
        return
      }
      if ifStale {
        let freshness = Workspace(preset, results: results).freshness(e, configuration)
        guard freshness != .upToDate else {
          printOut("\(Workspace(preset, results: results).resultPath(e.id)) is up to date: nothing to run")
          return
        }
        printOut(
          "\(e.id): \(freshness.label)\(freshness.reasons.isEmpty ? "" : " (" + freshness.reasons.joined(separator: "; ") + ")")"
        )
      }
      var reuse = ""
      let path = try Workspace(preset, results: results).run(
        e, configuration, runner: Runner(jobs: jobs, quiet: quiet), fresh: fresh,
        reused: { k, n in reuse = k > 0 ? "; \(k) of \(n) points reused from the store" : "" })
      printOut("wrote \(path) (\(configuration.points.count) points, preset \(preset.rawValue)\(reuse))")
    }
  }
}
