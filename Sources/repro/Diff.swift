import ArgumentParser
import Experiments
import Foundation
import Harness

struct Diff: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compare results with the stored baseline, dataset by dataset.",
    discussion: "Exit 0 when every dataset is within tolerance, 1 when any differs, 2 when they cannot be compared.")

  @Argument(help: "The experiment id (see `repro list`).")
  var id: String?

  @Flag(help: "Every experiment.")
  var all = false

  @Option(help: "Which baseline: paper or quick.")
  var preset: Preset = .paper

  @OptionGroup var workspace: WorkspaceOptions

  func run() throws {
    try reporting {
      var differing = 0
      var compared = 0
      for e in try selection(id: id, all: all) {
        let rows = try workspace.workspace.diff(e, preset: preset)
        compared += rows.count
        let bad = rows.filter { $0.status == .differs }
        differing += bad.count
        printOut("\n\(e.id) vs \(workspace.workspace.baselinePath(e.id, preset: preset))")
        printOut(
          Table.render(
            header: ["dataset", "shape", "max abs diff", "max rel diff", "tolerance", ""],
            rows: rows.map {
              [
                $0.name, $0.shape, formatNumber($0.maxAbsolute), formatNumber($0.maxRelative), $0.tolerance.description,
                $0.status == .same ? "same" : "DIFFERS" + ($0.note.isEmpty ? "" : ": \($0.note)"),
              ]
            }))
      }
      printOut(
        differing == 0
          ? "\n\(compared) datasets within tolerance of the \(preset.rawValue) baselines"
          : "\n\(differing) of \(compared) datasets differ from the \(preset.rawValue) baselines")
      if differing > 0 { throw ExitCode(1) }
    }
  }
}
