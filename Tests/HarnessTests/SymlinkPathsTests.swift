import Foundation
import GnuplotRenderer
import HDF5
import Testing

@testable import Harness

/// Issue 21, item 10: results, baselines and figure folders reached through symbolic links. A result or a
/// figure folder that is a link is written through (the link stays, the file or folder it names is replaced
/// whole); a baseline is committed as a file, so `bless` writes a file (from a linked result's bytes) and
/// refuses a baseline path that is a link.
@Suite struct SymlinkPathsTests {
  static func workspace() throws -> (Workspace, String) {
    let dir = RunnerTests.temporaryDirectory()
    let ws = Workspace(results: dir + "/results", figures: dir + "/figures", baselines: dir + "/baselines")
    return (ws, dir)
  }

  @Test func aLinkedResultIsRewrittenThroughItsLink() throws {
    let (ws, dir) = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let elsewhere = dir + "/scratch/toy.h5"
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick)
    try FileManager.default.createDirectory(atPath: dir + "/results", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: ws.resultPath(ToyExperiment.id), withDestinationPath: elsewhere)
    try ws.run(ToyExperiment.self, c, runner: Runner(quiet: true))
    _ = try ws.check(ToyExperiment.self)
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: ws.resultPath(ToyExperiment.id)) == elsewhere)
    #expect(ClaimStore.read(elsewhere) != nil)
  }

  @Test func blessWritesAFileFromALinkedResultAndRefusesALinkedBaseline() throws {
    let (ws, dir) = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick)
    let real = try ws.run(ToyExperiment.self, c, runner: Runner(quiet: true))
    let moved = dir + "/scratch/toy.h5"
    try FileManager.default.createDirectory(atPath: dir + "/scratch", withIntermediateDirectories: true)
    try FileManager.default.moveItem(atPath: real, toPath: moved)
    try FileManager.default.createSymbolicLink(atPath: real, withDestinationPath: moved)

    let baseline = try ws.bless(ToyExperiment.self, preset: .quick, force: false)
    #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: baseline)) == nil, "the baseline is a link")
    #expect(FileManager.default.contents(atPath: baseline) == FileManager.default.contents(atPath: moved))

    try FileManager.default.removeItem(atPath: baseline)
    try FileManager.default.createSymbolicLink(atPath: baseline, withDestinationPath: moved)
    do {
      _ = try ws.bless(ToyExperiment.self, preset: .quick, force: false)
      Issue.record("blessed through a linked baseline")
    } catch let error as ReproError {
      #expect(error.description.contains("is a symbolic link") && !error.description.contains("\n"))
    }
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: baseline) == moved)
  }

  @Test func aLinkedFigureFolderIsRedrawnThroughItsLink() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/gnuplot") else { return }
    let (ws, dir) = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick)
    try ws.run(ToyExperiment.self, c, runner: Runner(quiet: true))
    let elsewhere = dir + "/scratch/toy-figures"
    try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: ws.figures, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: ws.figureDirectory(ToyExperiment.id), withDestinationPath: elsewhere)
    let drawn = try ws.plot(ToyExperiment.self, renderer: Gnuplot.renderer)
    #expect(!drawn.isEmpty)
    #expect(
      try FileManager.default.destinationOfSymbolicLink(atPath: ws.figureDirectory(ToyExperiment.id)) == elsewhere)
    #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).contains("norm.gp"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/scratch") == ["toy-figures"])
  }
}
