import Testing

@testable import Figures

/// The texts of a figure: the markup rule, the lint every module's figures pass, and where a legend goes
/// (issue 14, item 10).
@Suite struct FigureTextTests {
  /// A figure whose texts are all fine: markup in the title, a caption, no bare underscore.
  static func figure() -> Figure {
    let s: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16]
    return Figure(
      name: "fig", title: "L_{A} against s", xLabel: "input scale s", yLabel: "iterations", logX: true, logY: true,
      series: [
        Series(label: "median", x: s, y: [65, 66, 70, 86, 140, 190, 310]),
        Series(label: "second", x: s, y: [70, 72, 75, 90, 150, 200, 320], style: .points),
      ],
      references: [.reference("claim: 2 × the first", over: 0.25...16, log: true, color: 0) { _ in 130 }],
      marks: [.x(3, "fit step", color: 1), .y(100, "threshold 100")], caption: "The median rises after s = 2.")
  }

  @Test func markupIsBracedAndABareUnderscoreIsNamed() {
    #expect(Markup.hasBareUnderscore("flip_radius"))
    #expect(Markup.hasBareUnderscore("x_"))
    #expect(!Markup.hasBareUnderscore("L_{A} and m^{-1/2}"))
    #expect(Markup.hasMarkup("L_{A}") && Markup.hasMarkup("m^{-1/2}"))
    #expect(!Markup.hasMarkup("d_in ^2"))
  }

  @Test func problemsNameMissingCaptionsAndLiteralUnderscores() {
    #expect(Self.figure().problems.isEmpty)
    var bad = Self.figure()
    bad.caption = ""
    bad.series[0].label = "flip_radius_median"
    let problems = bad.problems
    #expect(problems.count == 2)
    #expect(problems.contains { $0.contains("no caption") })
    #expect(problems.contains { $0.contains("flip_radius_median") })
    #expect(Figure(name: "f", title: "t", xLabel: "x", yLabel: "y", series: []).caption == "")
  }

  @Test func aCaptionIsPlainTextAndPanelsAreLinted() {
    var marked = Self.figure()
    marked.caption = "L_{A} rises"
    #expect(marked.problems == ["fig: the caption has an underscore or markup (it is plain text): L_{A} rises"])
    var panel = Self.figure()
    panel.xLabel = "d_in"
    let grid = Figure.smallMultiples(name: "grid", title: "t", panels: [Self.figure(), panel], caption: "c")
    #expect(grid.texts.contains("d_in"))
    #expect(grid.problems == ["grid: a literal underscore in \"d_in\" (write a subscript as _{…}, or reword)"])
  }

  @Test func legendWordsChooseAPlacement() {
    #expect(Legend.outsideRight.clearOfData && Legend.below.clearOfData && !Legend("top left").clearOfData)
    #expect(Legend("outside").placement == .outsideRight && Legend("under").placement == .below)
    #expect(Legend("none").placement == .off && Legend("bottom right").placement == .inside("bottom right"))
  }
}
