import ArgumentParser
import Experiments
import Foundation
import HDF5
import Harness

struct Archive: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a self-contained, citable bundle of results: files, figures, sources and an RO-Crate.",
    discussion: """
      For each experiment (default: every one with a result at the preset): its result file, its controls' \
      results, its baseline and stored sensitivity, its figures with their gnuplot scripts, the source files of \
      its fingerprint (from the tree, or from git at the result's commit), the gallery of the archived \
      experiments, a CITATION.cff (the project at the results' commit, the four papers as references) and \
      ro-crate-metadata.json (RO-Crate 1.1, Process Run Crate profile 0.5: one CreateAction per result, with \
      the SHA-256 of every file). Written beside DIR and renamed into place when complete. See docs/archive.md.
      """)

  @Argument(help: "Experiment ids (default: every experiment with a result at the preset).")
  var ids: [String] = []

  @Option(
    name: .customLong("out"),
    help: ArgumentHelp("The bundle's directory (must not exist, or be empty).", valueName: "dir"))
  var out: String

  @Option(help: "Which results: paper (results/), quick (results/quick/) or cluster (results/cluster/).")
  var preset: Preset = .paper

  @OptionGroup var results: ResultsOption
  @OptionGroup var baselines: BaselinesOption

  @Flag(help: "Replace an existing non-empty --out directory.")
  var force = false

  @Flag(name: .customLong("tar"), help: "Also write <dir>.tar.gz of the bundle (with tar).")
  var tar = false

  func validate() throws {
    if out.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--out needs a directory, got an empty path")
    }
  }

  func run() throws {
    try reporting {
      let space = Workspace(preset, results: results, baselines: baselines)
      let experiments: [any Experiment.Type]
      if ids.isEmpty {
        experiments = allExperiments.filter { FileManager.default.fileExists(atPath: space.resultPath($0.id)) }
        if experiments.isEmpty {
          throw ReproError.missing(
            "no results at the \(preset.rawValue) preset in \(space.results)/: run `repro run <id> --preset \(preset.rawValue)` first"
          )
        }
      } else {
        // Each once, in the order given.
        var seen: Set<String> = []
        experiments = try ids.map(experiment(named:)).filter { seen.insert($0.id).inserted }
      }
      guard let root = SourceFingerprint.sourceRoot() else {
        throw ReproError.missing(
          "cannot find the source tree (Package.swift, Sources/, experiments/): run from a checkout or set REPRO_SOURCE_ROOT"
        )
      }
      let summary = try ArchiveBundle.write(
        ArchiveBundle.Request(
          experiments: experiments, workspace: space, preset: preset, out: out, force: force, sourceRoot: root))
      printOut(
        "archived \(summary.results) result\(summary.results == 1 ? "" : "s") in \(summary.directory)/: \(summary.files) files, \(summary.bytes) bytes (ro-crate-metadata.json, CITATION.cff)"
      )
      if tar { try archiveTar(summary.directory) }
    }
  }

  /// `<dir>.tar.gz`, written beside it under a temporary name and renamed into place.
  private func archiveTar(_ directory: String) throws {
    let parent = (directory as NSString).deletingLastPathComponent
    let name = (directory as NSString).lastPathComponent
    let final = directory + ".tar.gz"
    let temporary = (parent.isEmpty ? "." : parent) + "/.\(name).tar.gz.\(TemporaryName.stem)-\(TemporaryName.random)"
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["tar", "-czf", temporary, "-C", parent.isEmpty ? "." : parent, name]
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { throw ReproError.failed("cannot run tar: \(error)") }
    p.waitUntilExit()
    guard p.terminationStatus == 0, rename(temporary, final) == 0 else {
      try? FileManager.default.removeItem(atPath: temporary)
      throw ReproError.failed("cannot write \(final) with tar (exit \(p.terminationStatus))")
    }
    printOut("wrote \(final)")
  }
}
