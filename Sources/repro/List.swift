import ArgumentParser
import Experiments
import Harness

struct List: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List every experiment, or the parameters of one.")

  @Argument(help: "An experiment id: show its parameters and presets.")
  var id: String?

  func run() throws {
    try reporting {
      guard let id else {
        for e in allExperiments {
          printOut("\(e.id)\n    \(e.reproduces)\n    \(e.summary)")
        }
        return
      }
      let e = try experiment(named: id)
      printOut("\(e.id)  [\(e.paper)]\n\(e.reproduces)\n\(e.summary)\n\nparameters (paper preset | quick preset):")
      for p in e.parameters {
        let paper = (p.presets["paper"] ?? []).map(\.description).joined(separator: ",")
        let quick = (p.presets["quick"] ?? []).map(\.description).joined(separator: ",")
        printOut(
          "  \(p.name)\(p.isSweep ? " (sweep)" : "")  \(paper) | \(quick)\n      \(p.help); \(p.kindDescription)")
      }
    }
  }
}
