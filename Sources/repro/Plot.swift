import ArgumentParser
import Experiments
import Harness

struct Plot: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Draw the figures of one experiment from results/<id>.h5 into figures/<id>/.")

  @Argument(help: "The experiment id (see `repro list`).")
  var id: String

  @OptionGroup var workspace: WorkspaceOptions

  func run() throws {
    try reporting {
      let e = try experiment(named: id)
      let files = try workspace.workspace.plot(e)
      for f in files where f.hasSuffix(".png") { printOut("drew \(f)") }
      try Gallery.write(allExperiments, workspace: workspace.workspace)
    }
  }
}
