import ArgumentParser
import Experiments
import Foundation
import Harness

struct Plot: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Draw the figures of one experiment from results/<id>.h5 into figures/<id>/.")

  @Argument(help: "The experiment id (see `repro list`); omit it with --all.")
  var id: String?

  @Flag(help: "Draw every experiment that has a result (the others are listed as missing).")
  var all = false

  @OptionGroup var workspace: WorkspaceOptions

  func validate() throws {
    if all && id != nil { throw ValidationError("give an experiment id or --all, not both") }
    if !all && id == nil { throw ValidationError("Missing expected argument '<id>' (or --all)") }
  }

  func run() throws {
    try reporting {
      let space = workspace.workspace
      if let id {
        let e = try experiment(named: id)
        for f in try space.plot(e) where f.hasSuffix(".png") { printOut("drew \(f)") }
      } else {
        var missing: [String] = []
        for e in allExperiments {
          guard FileManager.default.fileExists(atPath: space.resultPath(e.id)) else {
            missing.append(e.id)
            continue
          }
          let files = try space.plot(e)
          printOut("\(e.id): drew \(files.filter { $0.hasSuffix(".png") }.count) figures")
        }
        if !missing.isEmpty {
          printOut("no results yet for \(missing.joined(separator: ", ")): `repro run <id>` first")
        }
      }
      try Gallery.write(allExperiments, workspace: space)
      printOut("gallery: \((space.figures as NSString).appendingPathComponent("README.md"))")
    }
  }
}
