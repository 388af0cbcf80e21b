import Foundation
import Testing

@testable import Figures

/// The range a figure is fitted to when it gives none, from every coordinate it draws (issue 14, item 10).
@Suite struct FittedRangeTests {
  @Test func rangesFitTheValuesWithAMargin() {
    // Linear: 4% of the span on each side.
    #expect(fittedRange([0, 10, 5], log: false, pad: true) == -0.4...10.4)
    #expect(fittedRange([3, 3], log: false, pad: true) == 2.7...3.3)
    // Nothing to fit: no made-up range; the figure says what it could not draw (issue 21, item 9).
    #expect(fittedRange([.nan, -1], log: true, pad: true) == nil)
    // A heat map's range is its cells', unpadded.
    #expect(fittedRange([-1, 1], log: false, pad: false) == -1...1)
    // On a log axis the margin is 4% of the span in decades; a single value gets a tenth of a decade each side.
    #expect(fittedRange([1, 100], log: true) == pow(10, 0 - 0.04 * 2)...pow(10, 2 + 0.04 * 2))
    #expect(fittedRange([10], log: true) == pow(10, 1 - 0.1)...pow(10, 1 + 0.1))
    #expect(fittedRange([], log: false) == nil)
  }

  @Test func coordinatesCoverEverythingDrawn() {
    var figure = Figure(
      name: "f", title: "t", xLabel: "x", yLabel: "y",
      series: [Series(label: "s", x: [1, 2], y: [3, 4], low: [2.5, 3.5], high: [3.5, 9])],
      references: [Series(label: "r", x: [0, 5], y: [1, 1])], marks: [.x(7, "m"), .y(-1, "n")],
      notes: [Note(x: 3, y: 11, "note")])
    #expect(figure.coordinates(on: .x) == [1, 2, 0, 5, 7, 3])
    #expect(figure.coordinates(on: .y) == [3, 4, 2.5, 3.5, 3.5, 9, 1, 1, -1, 11])
    figure = Figure(
      name: "h", title: "t", xLabel: "x", yLabel: "y", series: [],
      heatMap: HeatMap(x: [0, 1, 3], y: [5], z: [[1, 2, 3]], label: "z"))
    #expect(figure.coordinates(on: .x) == [-0.5, 0.5, 0.5, 2, 2, 4])
    #expect(figure.coordinates(on: .y) == [4.5, 5.5])
  }

  @Test func heatMapCellsMeetHalfwayGeometricallyOnLogAxes() {
    let linear = HeatMap.cellEdges([0, 1, 3], log: false)
    #expect(linear.map(\.0) == [-0.5, 0.5, 2])
    #expect(linear.map(\.1) == [0.5, 2, 4])
    let log = HeatMap.cellEdges([1, 100], log: true)
    #expect(log.map(\.0) == [0.1, 10])
    #expect(log.map(\.1) == [10, 1000])
  }

  @Test func aHeatMapWithoutAFiniteCellHasNothingToDraw() {
    let map = HeatMap(x: [-1, 1], y: [0, 2], z: [[1, .nan], [.nan, .nan]], label: "z")
    #expect(map.placeable(.x, log: true) == [1] && map.placeable(.y, log: false) == [0, 1])
    #expect(map.hasDrawableCell(logX: false, logY: false))
    #expect(!map.hasDrawableCell(logX: true, logY: false))
  }
}
