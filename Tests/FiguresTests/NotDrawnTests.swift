import Testing

@testable import Figures

/// What a figure cannot draw is decided from its data alone (issue 21, item 9); the renderer prints it under
/// the title (`GnuplotUndrawnTests`), the gallery after the caption.
@Suite struct NotDrawnTests {
  @Test func everyElementWithSomethingLeftOutIsNamed() {
    let figure = Figure(
      name: "gaps", title: "radius", xLabel: "d", yLabel: "r", logY: true,
      series: [
        Series(label: "median", x: [1, 2, 3, 4, 5], y: [1, .nan, 3, .nan, -1]),
        Series(label: "", x: [1], y: [.infinity]),
        Series(label: "fine", x: [1, 2], y: [2, 3], low: [1, 0], high: [3, 4]),
      ],
      references: [Series(label: "rate", x: [-1, 1], y: [1, -1], low: [0, 0], high: [2, 2])],
      marks: [.x(.nan, "fit step"), .y(0, "zero")], notes: [Note(x: .infinity, y: 1, "far")])
    #expect(
      figure.notDrawn == [
        "'median', 3 of 5 points (2 NaN in y, 1 y ≤ 0 on the log axis)",
        "(unlabelled), its only point (+∞ in y)",
        "'fine', 1 of 2 points (error bar's low end y ≤ 0 on the log axis)",
        "prediction 'rate', 1 of 2 points (y ≤ 0 on the log axis)",
        "mark 'fit step' at NaN in x",
        "mark 'zero' at y ≤ 0 on the log axis",
        "note 'far' at a non-finite position",
      ])
    #expect(figure.undrawnNote == "Not drawn: " + figure.notDrawn.joined(separator: "; ") + ".")
  }

  @Test func panelsAreNamedAndAnEmptyHeatMapIsSaid() {
    var panel = Figure(
      name: "p", title: "", xLabel: "x", yLabel: "y", series: [],
      heatMap: HeatMap(x: [1], y: [1], z: [[.nan]], label: "loss"))
    let grid = Figure.smallMultiples(name: "g", title: "t", panels: [panel])
    #expect(grid.notDrawn == ["p: the heat map 'loss': no finite cell"])
    panel.heatMap = HeatMap(x: [1], y: [1], z: [[2]], label: "loss")
    #expect(panel.notDrawn.isEmpty && panel.undrawnNote == nil)
  }
}
