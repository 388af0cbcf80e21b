import ArgumentParser
import Experiments
import Foundation
import Harness

struct All: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Run and plot every experiment, then write the gallery figures/README.md (results/quick/figures/ at quick).")

  @Option(help: "Parameter preset for every experiment.")
  var preset: Preset = .paper

  @Option(parsing: .unconditional, help: "Sweep points run at once.")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "No progress lines.")
  var quiet = false

  @OptionGroup var results: ResultsOption
  @OptionGroup var figures: FiguresOption

  func run() throws {
    try reporting {
      guard jobs >= 1 else { throw ReproError.badValue("--jobs must be at least 1, got \(jobs)") }
      let space = Workspace(preset, results: results, figures: figures)
      for e in allExperiments {
        let configuration = try Configuration(experiment: e, preset: preset)
        let path = try space.run(e, configuration, runner: Runner(jobs: jobs, quiet: quiet))
        printOut("wrote \(path)")
        for f in try space.plot(e) where f.hasSuffix(".png") { printOut("drew \(f)") }
      }
      try Gallery.write(allExperiments, workspace: space)
    }
  }
}
