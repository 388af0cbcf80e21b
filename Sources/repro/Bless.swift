import ArgumentParser
import Experiments
import Harness

struct Bless: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Accept the current results as the new baseline (results/baselines/<preset>/<id>.h5).",
    discussion: "Refuses results whose preset or parameters are not the preset's own, unless --force.")

  @Argument(help: "The experiment id (see `repro list`).")
  var id: String?

  @Flag(help: "Every experiment.")
  var all = false

  @Option(help: "Which baseline: paper or quick.")
  var preset: Preset = .paper

  @Flag(help: "Bless even results run with other parameters or another preset.")
  var force = false

  @OptionGroup var results: ResultsOption
  @OptionGroup var baselines: BaselinesOption

  func run() throws {
    try reporting {
      for e in try selection(id: id, all: all) {
        printOut(
          "blessed \(try Workspace(preset, results: results, baselines: baselines).bless(e, preset: preset, force: force))"
        )
      }
    }
  }
}
