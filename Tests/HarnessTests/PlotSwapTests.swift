import Figures
import Foundation
import Testing

@testable import GnuplotRenderer
@testable import Harness

/// Issue 13, items 1, 2 and 4 for figures: an experiment's figures are swapped in as a whole (never torn),
/// what a killed plot left is removed by the next one, and truncated outputs never replace good ones.
@Suite struct PlotSwapTests {
  @Test func figuresAreSwappedInWholeAndLeftoversGo() throws {
    _ = try #require(Gnuplot.executable(), "gnuplot is a dependency: install it with `make deps`")
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let workspace = Workspace(results: dir + "/results", figures: dir + "/figures")
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,4", "seeds=1"])
    try workspace.run(ToyExperiment.self, c, runner: Runner(jobs: 1, quiet: true))
    // A figure of an older version of the module, and what a plot killed long ago left behind.
    let final = workspace.figureDirectory(ToyExperiment.id)
    try FileManager.default.createDirectory(atPath: final, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: final + "/retired.png", contents: Data("old".utf8))
    let dead = try TemporariesTests.deadPid()
    let killed = dir + "/figures/.\(ToyExperiment.id).tmp-\(dead)-abc"
    try FileManager.default.createDirectory(atPath: killed + "/.norm.gnuplot-X", withIntermediateDirectories: true)
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -600)], ofItemAtPath: killed)

    let drawn = try workspace.plot(ToyExperiment.self, renderer: Gnuplot.renderer)
    #expect(drawn.sorted() == ["norm.gp", "norm.pdf", "norm.png"].map { final + "/" + $0 })
    #expect(try FileManager.default.contentsOfDirectory(atPath: final).sorted() == ["norm.gp", "norm.pdf", "norm.png"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/figures") == [ToyExperiment.id])
    // Redrawn from the same result: the same bytes.
    let before = try Data(contentsOf: URL(fileURLWithPath: final + "/norm.pdf"))
    try workspace.plot(ToyExperiment.self, renderer: Gnuplot.renderer)
    #expect(try Data(contentsOf: URL(fileURLWithPath: final + "/norm.pdf")) == before)
  }

  @Test func truncatedOutputsAreIncomplete() throws {
    let gnuplot = try #require(Gnuplot.executable(), "gnuplot is a dependency: install it with `make deps`")
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let figure = Figure(
      name: "f", title: "t", xLabel: "x", yLabel: "y", series: [Series(label: "s", x: [1, 2], y: [1, 2])])
    try Gnuplot.render(figure, into: dir, executable: gnuplot)
    for (file, pdf) in [("f.png", false), ("f.pdf", true)] {
      let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + file))
      #expect(Gnuplot.isComplete(bytes, pdf: pdf))
      // What a full disk leaves: the first 4 KiB (or half of a smaller file).
      #expect(!Gnuplot.isComplete(bytes.prefix(min(4096, bytes.count / 2)), pdf: pdf))
    }
  }
}
