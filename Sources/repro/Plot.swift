import ArgumentParser
import Experiments
import Foundation
import GnuplotRenderer
import Harness

struct Plot: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Draw the figures of one experiment from results/<id>.h5 into figures/<id>/.",
    discussion: """
      Paper results are drawn into figures/, results of any other preset into <results>/figures/ (e.g. \
      results/quick/figures/), so a quick run never replaces a committed figure unless --figures says so.
      """)

  @Argument(help: "The experiment id (see `repro list`); omit it with --all.")
  var id: String?

  @Flag(help: "Draw every experiment that has a result (the others are listed as missing).")
  var all = false

  @Flag(
    name: .customLong("no-gallery"),
    help: "Draw the figures only; leave the gallery <figures>/README.md as it is (`make all` writes it once, last).")
  var noGallery = false

  @Flag(
    name: .customLong("gallery-only"),
    help: "Draw no figure: only write the gallery <figures>/README.md from the result files and the figures on disk.")
  var galleryOnly = false

  @Option(help: "Which results: paper (results/), quick (results/quick/) or cluster (results/cluster/).")
  var preset: Preset = .paper

  @OptionGroup var results: ResultsOption
  @OptionGroup var figures: FiguresOption

  func validate() throws {
    if galleryOnly {
      if all || id != nil { throw ValidationError("--gallery-only draws no figure: give no experiment id, no --all") }
      if noGallery { throw ValidationError("give --gallery-only or --no-gallery, not both") }
      return
    }
    if all && id != nil { throw ValidationError("give an experiment id or --all, not both") }
    if !all && id == nil { throw ValidationError("Missing expected argument '<id>' (or --all)") }
  }

  func run() throws {
    try reporting {
      let space = Workspace(preset, results: results, figures: figures)
      if !galleryOnly { try draw(space) }
      if noGallery { return }
      try Gallery.write(allExperiments, workspace: space)
      printOut("gallery: \((space.figures as NSString).appendingPathComponent("README.md"))")
    }
  }

  /// The figures of the experiment named, or of every experiment with a result (--all).
  private func draw(_ space: Workspace) throws {
    if let id {
      let e = try experiment(named: id)
      for f in try space.plot(e, renderer: Gnuplot.renderer) where f.hasSuffix(".png") { printOut("drew \(f)") }
      return
    }
    var missing: [String] = []
    for e in allExperiments {
      guard FileManager.default.fileExists(atPath: space.resultPath(e.id)) else {
        missing.append(e.id)
        continue
      }
      let files = try space.plot(e, renderer: Gnuplot.renderer)
      printOut("\(e.id): drew \(files.filter { $0.hasSuffix(".png") }.count) figures")
    }
    if !missing.isEmpty {
      printOut("no results yet for \(missing.joined(separator: ", ")): `repro run <id>` first")
    }
  }
}
