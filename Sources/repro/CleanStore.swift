import ArgumentParser
import Experiments
import Foundation
import Harness

struct CleanStore: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clean-store",
    abstract:
      "Remove stored points computed by sources that have since changed, and unreadable ones (with --all: every stored point)."
  )

  @Argument(help: "The experiment id (default: every experiment).")
  var id: String?

  @Flag(help: "Remove every stored point, current ones too.")
  var all = false

  @OptionGroup var results: ResultsOption

  func run() throws {
    try reporting {
      let experiments = try id.map { [try experiment(named: $0)] } ?? allExperiments
      var current: [String: String] = [:]
      for e in experiments {
        // The points this binary reads and writes are those of the sources it was built from.
        current[e.id] = SourceFingerprint.built(for: e).digest
      }
      // Both presets' stores unless --results names one directory.
      let directories = results.path.map { [$0] } ?? Preset.allCases.map(Workspace.defaultResults)
      var removed: [String] = []
      var inUse: [String] = []
      for directory in directories {
        removed += try PointStore.clean(results: directory, experiments: current, all: all) { inUse.append($0) }
      }
      printOut(
        removed.isEmpty
          ? "nothing to remove" : "removed \(removed.count) stored version(s): " + removed.joined(separator: ", "))
      if !inUse.isEmpty {
        printOut(
          "left \(inUse.count) stored version(s) that a running run is using: \(inUse.joined(separator: ", ")); clean again when it ends"
        )
      }
    }
  }
}
