import ArgumentParser
import Experiments
import Foundation
import Harness

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run one experiment and write results/<id>.h5.",
    discussion: "Example: repro run vardi2022-flip-vs-dim --preset quick --set d=500,1000 --set seeds=3")

  @Argument(help: "The experiment id (see `repro list`).")
  var id: String

  @Option(help: "Parameter preset: paper (the figures) or quick (seconds).")
  var preset: Preset = .paper

  @Option(
    name: .customLong("set"), help: ArgumentHelp("Override a parameter; lists sweep.", valueName: "name=value[,value…]")
  )
  var overrides: [String] = []

  @Option(help: "Sweep points run at once (default: the number of cores).")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "No progress lines.")
  var quiet = false

  @Flag(
    name: .customLong("if-stale"),
    help: "Run only if the result is stale or missing (see `repro status`); an up-to-date file is left untouched.")
  var ifStale = false

  @OptionGroup var workspace: WorkspaceOptions

  func run() throws {
    try reporting {
      guard jobs >= 1 else { throw ReproError.badValue("--jobs must be at least 1, got \(jobs)") }
      let e = try experiment(named: id)
      let configuration = try Configuration(experiment: e, preset: preset, overrides: overrides)
      if ifStale {
        let freshness = workspace.workspace.freshness(e, configuration)
        guard freshness != .upToDate else {
          printOut("\(workspace.workspace.resultPath(e.id)) is up to date: nothing to run")
          return
        }
        printOut(
          "\(e.id): \(freshness.label)\(freshness.reasons.isEmpty ? "" : " (" + freshness.reasons.joined(separator: "; ") + ")")"
        )
      }
      let path = try workspace.workspace.run(e, configuration, runner: Runner(jobs: jobs, quiet: quiet))
      printOut("wrote \(path) (\(configuration.points.count) points, preset \(preset.rawValue))")
    }
  }
}
