import ArgumentParser
import Experiments
import Harness

struct List: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List every experiment, or the parameters of one.")

  @Argument(help: "An experiment id: show its parameters and presets.")
  var id: String?

  @OptionGroup var json: JSONOption

  func run() throws {
    try reporting {
      if json.enabled {
        let chosen = try id.map { [try experiment(named: $0)] } ?? allExperiments
        let objects: [[String: Any]] = chosen.map { e in
          [
            "id": e.id, "paper": e.paper, "reproduces": e.reproduces, "summary": e.summary,
            "setting": "experiments/\(e.paper)/README.md", "parameters": e.parameters.map(\.json),
            "claims": e.claims.map(\.statement),
          ]
        }
        try printJSON(id == nil ? objects as Any : objects[0])
        return
      }
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
