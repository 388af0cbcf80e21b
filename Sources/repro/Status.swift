import ArgumentParser
import Experiments
import Foundation
import Harness

struct Status: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Say of each experiment's result whether it is up to date, stale (and what changed) or missing.",
    discussion: """
      Decided by content, not file times: a result is up to date when its sources' fingerprint (the module, \
      its paper's shared setting, the engine under Sources/, Package.swift), its preset and its parameters \
      are those a run would use now. `make all` reruns exactly the stale and missing ones.
      """)

  @Argument(help: "Experiment ids (default: every experiment).")
  var ids: [String] = []

  @Option(help: "The preset the results should have been run with.")
  var preset: Preset = .paper

  @OptionGroup var results: ResultsOption
  @OptionGroup var json: JSONOption

  func run() throws {
    try reporting {
      let experiments = ids.isEmpty ? allExperiments : try ids.map(experiment(named:))
      var rows: [[String]] = []
      var objects: [[String: Any]] = []
      for e in experiments {
        let space = Workspace(preset, results: results)
        let freshness = space.freshness(e, try Configuration(experiment: e, preset: preset))
        objects.append([
          "experiment": e.id, "preset": preset.rawValue, "result": space.resultPath(e.id), "status": freshness.label,
          "reasons": freshness.reasons,
        ])
        let reasons = freshness.reasons
        rows.append([e.id, freshness.label, reasons.first ?? ""])
        for reason in reasons.dropFirst() { rows.append(["", "", reason]) }
      }
      if json.enabled { return try printJSON(objects) }
      printOut(Table.render(header: ["experiment", "\(preset.rawValue) result", "what changed"], rows: rows))
      // Staleness compares results with the tree on disk; a binary built from other sources cannot rerun them.
      let unbuilt = experiments.filter { !SourceFingerprint.changedSinceBuild($0).isEmpty }.map { $0.id }
      if !unbuilt.isEmpty {
        FileHandle.standardError.write(
          Data(
            "repro: note: this binary was built from other sources than the tree's for \(unbuilt.count) experiment(s) (\(unbuilt.prefix(3).joined(separator: ", "))\(unbuilt.count > 3 ? ", …" : "")): run `swift build -c release` or `make build` before running them\n"
              .utf8))
      }
    }
  }
}
