import ArgumentParser
import Experiments
import Foundation
import Harness

struct Diff: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compare results with the stored baseline, dataset by dataset, and the claims' verdicts and values.",
    discussion: """
      Every tolerance comes from the baseline's measured sensitivity (`repro sensitivity`): ten times the \
      largest move that other BLAS kernels or a 1-ulp change of the inputs caused, never below abs 1e-12 or \
      rel 1e-9; integers and claim verdicts must be equal. A rounding-sensitive dataset (one that rounding \
      alone moves by more than 1e-4) is also compared as means over seeds and over everything. \
      Exit 0 when everything is within tolerance, 1 when anything differs, 2 when they cannot be compared.
      """)

  @Argument(help: "The experiment id (see `repro list`).")
  var id: String?

  @Flag(help: "Every experiment.")
  var all = false

  @Option(help: "Which baseline: paper or quick (default: the preset the result was run with).")
  var preset: Preset?

  @OptionGroup var results: ResultsOption
  @OptionGroup var baselines: BaselinesOption
  @OptionGroup var json: JSONOption

  func run() throws {
    try reporting {
      func say(_ s: String) { if !json.enabled { printOut(s) } }
      var objects: [[String: Any]] = []
      var differing = 0
      var compared = 0
      var used: Set<String> = []
      // The results of --preset (default: paper) are read; the baseline is that of the result's own preset.
      let space = Workspace(self.preset ?? .paper, results: results, baselines: baselines)
      for e in try selection(id: id, all: all) {
        // The result's own preset, unless asked otherwise: a quick result is never diffed against the paper
        // baseline by default.
        let preset =
          self.preset
          ?? (try? Results.read(space.resultPath(e.id))).flatMap { Preset(rawValue: $0.preset) }
          ?? .paper
        used.insert(preset.rawValue)
        let report = try space.diff(e, preset: preset)
        compared += report.rows.count
        differing += report.differing.count
        say("\n\(e.id) vs \(space.baselinePath(e.id, preset: preset))")
        if let a = report.resultPlatform, let b = report.baselinePlatform, a != b {
          say("  result made on   \(a.summary)\n  baseline made on \(b.summary)")
        }
        say(
          Table.render(
            header: ["dataset", "level", "shape", "max abs diff", "max rel diff", "tolerance", "from", "verdict"],
            rows: report.rows.map {
              [
                $0.name, $0.level, $0.shape, formatNumber($0.maxAbsolute), formatNumber($0.maxRelative),
                $0.tolerance.description, $0.basis,
                $0.status == .same ? "same" : "DIFFERS" + ($0.note.isEmpty ? "" : ": \($0.note)"),
              ]
            }))
        for note in report.notes { say("  note: \(note)") }
        objects.append([
          "experiment": e.id, "preset": preset.rawValue, "result": space.resultPath(e.id),
          "baseline": space.baselinePath(e.id, preset: preset), "rows": report.rows.map { $0.json },
          "notes": report.notes,
          "differing": report.differing.count,
        ])
      }
      let names = used.sorted().joined(separator: " and ")
      say(
        differing == 0
          ? "\n\(compared) rows within tolerance of the \(names) baselines"
          : "\n\(differing) of \(compared) rows differ from the \(names) baselines")
      if json.enabled { try printJSON(["experiments": objects, "compared": compared, "differing": differing]) }
      if differing > 0 { throw ExitCode(1) }
    }
  }
}
