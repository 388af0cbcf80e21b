import ArgumentParser
import Experiments
import Foundation
import GnuplotRenderer
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

  @Flag(help: "Ignore the point store: compute every point of every experiment again (and store the new ones).")
  var fresh = false

  @OptionGroup var results: ResultsOption
  @OptionGroup var figures: FiguresOption

  func run() throws {
    try reporting {
      guard jobs >= 1 else { throw ReproError.badValue("--jobs must be at least 1, got \(jobs)") }
      let space = Workspace(preset, results: results, figures: figures)
      var tally = (holds: 0, fails: 0, known: 0, codeFails: 0)
      var roles = RoleTally()
      var unexpected: [String] = []
      for e in allExperiments {
        let configuration = try Configuration(experiment: e, preset: preset)
        let path = try space.run(e, configuration, runner: Runner(jobs: jobs, quiet: quiet), fresh: fresh)
        printOut("wrote \(path)")
        for f in try space.plot(e, renderer: Gnuplot.renderer) where f.hasSuffix(".png") { printOut("drew \(f)") }
        // `run` has just judged the claims and stored them in the file: read them, do not judge them again.
        let entries = try space.claims(e) ?? []
        roles.add(entries)
        for entry in entries {
          if entry.failsCommand(atPreset: preset.rawValue) { unexpected.append("\(e.id): \(entry.verdict.statement)") }
          switch (entry.verdict.holds, entry.verdict.knownFailure != nil, entry.codeCheck != nil) {
          case (true, _, _): tally.holds += 1
          case (false, true, _): tally.known += 1
          case (false, false, true): tally.codeFails += 1
          case (false, false, false): tally.fails += 1
          }
        }
      }
      try Gallery.write(allExperiments, workspace: space)
      let judged = preset == .paper ? "" : " (a smoke test: claims are judged at the paper preset)"
      printOut(
        "\nclaims at the \(preset.rawValue) preset: \(tally.holds) hold, \(tally.fails) fail, \(tally.known) fail as known\(tally.codeFails > 0 ? ", \(tally.codeFails) code check(s) FAIL" : "")\(judged); `repro check --all\(preset == .paper ? "" : " --preset " + preset.rawValue)` shows them"
      )
      printOut(roles.text)
      printOut("gallery: \((space.figures as NSString).appendingPathComponent("README.md"))")
      // As `check`: a verdict not as expected (at the paper preset; a code check at any) fails the command.
      if !unexpected.isEmpty {
        throw ReproError.failed(
          "\(unexpected.count) claim(s) not as expected at the \(preset.rawValue) preset (first: \(unexpected[0])); `repro check --all\(preset == .paper ? "" : " --preset " + preset.rawValue)` shows them"
        )
      }
    }
  }
}
