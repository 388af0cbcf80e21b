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

  @Option(help: "Parameter preset: paper (the figures), quick (seconds) or cluster (a finer grid, no baselines).")
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

  @Flag(
    name: .customLong("dry-run"),
    help:
      "Print the resolved sweep, its number of points, how many the point store already holds and an estimate of the time; compute and write nothing."
  )
  var dryRun = false

  @Flag(
    help:
      "Also run the claims' negative controls whose results are missing or stale (quick-preset runs under <results>/controls/) and store their outcomes with the verdicts, even when the result itself is up to date."
  )
  var controls = false

  @OptionGroup var results: ResultsOption

  func run() throws {
    if !dryRun { RunSignals.install() }  // SIGTERM, SIGUSR1: stop after the points in progress (RunSignals)
    try reporting {
      guard jobs >= 1 else { throw ReproError.badValue("--jobs must be at least 1, got \(jobs)") }
      let e = try experiment(named: id)
      let configuration = try Configuration(experiment: e, preset: preset, overrides: overrides)
      if dryRun { return try describe(e, configuration) }
      if let shard {
        let (k, n) = try Shard.parse(shard)
        try SourceFingerprint.requireBuilt(e)
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
          "shard \(k)/\(n) of \(e.id): \(outcome.computed) points computed, \(outcome.reused) reused, of \(outcome.selected) in the shard (\(configuration.points.count) in the sweep); `repro merge \(e.id)\(typedOptions(preset: preset, overrides: overrides, results: results))` assembles the result once every shard is done"
        )
        return
      }
      if controls {
        try Workspace(preset, results: results).runControls(e, runner: Runner(jobs: jobs, quiet: quiet)) {
          control, freshness in
          if freshness != .upToDate, !quiet { printErr("\(e.id): control run \(control.settings)") }
        }
      }
      if ifStale {
        let space = Workspace(preset, results: results)
        let freshness = space.freshness(e, configuration)
        guard freshness != .upToDate else {
          if controls, try space.storeClaimsIfChanged(e) {
            printOut("\(space.resultPath(e.id)) is up to date; stored its claims with the controls' outcomes")
          } else {
            printOut("\(space.resultPath(e.id)) is up to date: nothing to run")
          }
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

  /// `--dry-run`: what a run would compute, and roughly how long it would take.
  private func describe(_ e: any Experiment.Type, _ configuration: Configuration) throws {
    let space = Workspace(preset, results: results)
    var points = configuration.points
    if let shard {
      let (k, n) = try Shard.parse(shard)
      points = points.filter { Shard.contains($0, k, n) }
    }
    let store = space.store(e, Provenance.current(for: e))
    let stored = fresh ? 0 : points.filter { store?.contains($0) == true }.count
    let target = shard.map { "shard \($0) of the point store" } ?? space.resultPath(e.id)
    printOut("\(e.id) at the \(preset.rawValue) preset → \(target) (dry run: nothing is computed or written)")
    printOut(
      Table.render(
        header: ["parameter", "value(s)", "from"],
        rows: configuration.values.map { item in
          [
            item.name, item.values.map(\.description).joined(separator: ", "),
            configuration.overridden.contains(item.name) ? "--set" : "\(preset.rawValue) preset",
          ]
        }))
    let swept = configuration.values.filter { $0.values.count > 1 || $0.name == Parameter.seedsName }
    let shape = swept.map {
      $0.name == Parameter.seedsName ? "\($0.values.first?.description ?? "1") seeds" : "\($0.values.count) \($0.name)"
    }
    printOut(
      "\(points.count) point(s)\(shape.isEmpty ? "" : " (" + shape.joined(separator: " × ") + ")")\(shard == nil ? "" : " in the shard"): \(stored) already in the point store, \(points.count - stored) to compute"
    )
    printOut(estimate(e, points: fresh ? points : points.filter { store?.contains($0) != true }, space: space))
    // Memory, from the shapes the module declares: the same check as a run's, before it computes anything.
    let todo = fresh ? points : points.filter { store?.contains($0) != true }
    if let need = MemoryBudget.need(e, todo, jobs: jobs) {
      printOut(
        "memory: ≈ \(MemoryBudget.format(need.largest.bytes)) per point at most (\(need.largest.what)); \(need.count) at once (--jobs \(jobs)): ≈ \(MemoryBudget.format(need.atOnce)) of this machine's \(MemoryBudget.format(MemoryBudget.physicalBytes))"
      )
    } else if !todo.isEmpty {
      printOut("memory: no estimate (the module declares none)")
    }
    try MemoryBudget.check(e, todo, jobs: jobs)
  }

  /// From the module's cost model in the points' shapes (`TimeEstimate`: `make bench`'s rates for this CPU, else
  /// calibrated on the stored baseline of this preset), or, without a model, the baseline's time per point.
  private func estimate(_ e: any Experiment.Type, points: [Point], space: Workspace) -> String {
    guard !points.isEmpty else { return "estimate: nothing to compute (the result is written from the store)" }
    // The cluster preset has no baseline of its own: its time per point is calibrated on the paper preset's.
    let basis = preset.hasBaselines ? preset : .paper
    let baseline = try? Results.read(space.baselinePath(e.id, preset: basis))
    let sweep = (try? Configuration(experiment: e, preset: basis, overrides: []).points) ?? []
    let rates = MachineRates.read(
      MachineRates.path(results: Workspace.defaultResults(.paper)), cpu: Platform.current.cpu)
    guard
      let time = TimeEstimate.of(
        e, points: points, jobs: jobs, baseline: baseline, baselinePoints: sweep, rates: rates)
    else { return "estimate: none (no cost model, and no stored \(basis.rawValue) baseline to time it by)" }
    let largest = points.compactMap { e.cost($0) }.max { $0.seconds(at: .nominal) < $1.seconds(at: .nominal) }
    return "estimate: about \(formatDuration(time.seconds)) with --jobs \(jobs) (\(time.source))"
      + (largest.map { "\ncost of the largest point: \($0.summary) (\($0.what))" } ?? "")
  }
}

/// "under 0.1 s", "0.4 s", "12 s", "3 min 20 s", "1 h 05 min".
func formatDuration(_ seconds: Double) -> String {
  // A crafted baseline may hold any time: Int(_:) of 1e300 would trap.
  guard seconds.isFinite, seconds < 1e12 else { return "?" }
  if seconds < 0.1 { return "under 0.1 s" }
  if seconds < 10 { return String(format: "%.1f s", seconds) }
  if seconds < 60 { return "\(Int(seconds.rounded())) s" }
  let s = Int(seconds.rounded())
  if s < 3600 { return "\(s / 60) min \(String(format: "%02d", s % 60)) s" }
  return "\(s / 3600) h \(String(format: "%02d", (s % 3600) / 60)) min"
}
