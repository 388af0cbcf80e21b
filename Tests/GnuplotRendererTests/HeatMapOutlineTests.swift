import Figures
import Testing

@testable import GnuplotRenderer

/// Issue 26: a heat map's outlines in the gnuplot script: one datablock per outline, its paths separated by blank
/// lines, drawn on a white halo with one key entry, dashed when asked.
@Suite struct HeatMapOutlineTests {
  static func figure() -> Figure {
    var heat = HeatMap(x: [1, 10], y: [1, 10], z: [[1, 2], [3, 4]], label: "ratio (1)")
    heat.outlines = [
      Outline(
        label: "prediction holds | fails",
        paths: [
          [.init(3.16228, 0.316228), .init(3.16228, 3.16228)], [.init(3.16228, 3.16228), .init(31.6228, 3.16228)],
        ],
        color: 1),
      Outline(label: "premise, theory", paths: [[.init(1, 1), .init(10, 10)]], dashed: true),
    ]
    return Figure(
      name: "map", title: "map", xLabel: "d", yLabel: "n", logX: true, logY: true, series: [], heatMap: heat,
      legend: .below, caption: "A map.")
  }

  @Test func eachOutlineIsADatablockOfPiecesWithAHaloAndAKeyEntry() {
    let script = Gnuplot.script(for: Self.figure())
    #expect(
      script.contains(
        "$outline0 << EOD\n# prediction holds | fails (2 piece(s))\n3.16228 0.316228\n3.16228 3.16228\n\n3.16228 3.16228\n31.6228 3.16228\nEOD\n"
      ))
    #expect(script.contains("$outline0 using 1:2 with lines lc rgb \"white\" lw 6 notitle"))
    #expect(
      script.contains("$outline0 using 1:2 with lines lc rgb \"#D55E00\" lw 3 title \"prediction holds | fails\""))
    #expect(script.contains("$outline1 using 1:2 with lines lc rgb \"#000000\" dt 2 lw 3 title \"premise, theory\""))
    // Drawn over the heat map: the cells come first in the plot command, the outlines after.
    let plot = script.components(separatedBy: "\nplot \\\n").last ?? ""
    #expect(
      plot.range(of: "$heat")!.lowerBound
        < plot.range(of: "$outline0 using 1:2 with lines lc rgb \"#D55E00\"")!.lowerBound)
  }

  /// The deng2020 map's colour-bar label (80 characters) ran off the top and bottom of the image on one line: a label
  /// longer than the frame is tall goes on two lines, and the right margin holds the second.
  @Test func aLongColourBarLabelTakesTwoLinesAndTheMarginForThem() {
    var f = Self.figure()
    f.heatMap!.label = "log₁₀(median PGA iterations to a local maximum / ((√m + √d)²·log₁₀(1/tol)))"
    let script = Gnuplot.script(for: f)
    #expect(
      script.contains(
        "\nset cblabel \"log₁₀(median PGA iterations to a local maximum\\n/ ((√m + √d)²·log₁₀(1/tol)))\" noenhanced offset 1,0\n"
      ))
    #expect(script.contains("\nset rmargin 14\n"))
    // A short label stays on one line, with gnuplot's own margin.
    let short = Gnuplot.script(for: Self.figure())
    #expect(short.contains("\nset cblabel \"ratio (1)\" noenhanced\n"))
    #expect(!short.contains("rmargin"))
  }

  @Test func anOutlineWithNothingPlaceableIsSkippedAndSaid() {
    var f = Self.figure()
    f.heatMap!.outlines = [Outline(label: "nowhere", paths: [[.init(-1, 1), .init(-2, 2)]])]
    let script = Gnuplot.script(for: f)
    #expect(script.contains("# outline 0 \"nowhere\": nothing to draw, skipped"))
    #expect(!script.contains("$outline0 <<"))
  }

  @Test func aWiderOutlineHasAWiderHaloAndALogColourScaleDropsCellsWithoutColour() {
    var f = Self.figure()
    f.heatMap!.outlines[0].width = 7
    f.heatMap!.logScale = true
    f.heatMap!.z[0][0] = 0
    let script = Gnuplot.script(for: f)
    #expect(script.contains("$outline0 using 1:2 with lines lc rgb \"white\" lw 10 notitle"))
    #expect(script.contains("lw 7 title \"prediction holds | fails\""))
    #expect(script.contains("\nset logscale cb\n"))
    // Three cells of four: the zero has no colour on a log scale.
    let heat = script.components(separatedBy: "$heat << EOD\n")[1].components(separatedBy: "EOD")[0]
    #expect(heat.split(separator: "\n").filter { !$0.hasPrefix("#") }.count == 3)
    #expect(!Gnuplot.script(for: Self.figure()).contains("logscale cb"))
  }
}
