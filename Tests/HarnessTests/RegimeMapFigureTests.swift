import Figures
import Foundation
import Testing

@testable import Harness

/// Issue 26: the regime map's figure on the synthetic grid of `RegimeMapTests` (known cells and boundaries).
@Suite struct RegimeMapFigureTests {
  static let figure = RegimeMapTests.map().figure(
    RegimeMapTests.results(), name: "regime", title: "Where the law holds", caption: "The law holds above the line.")

  @Test func theHeatMapHoldsTheCellMediansOnTheGrid() throws {
    let heat = try #require(Self.figure.heatMap)
    #expect(heat.x == [100, 1000, 10000] && heat.y == [10, 20, 40])
    #expect(heat.z.map { $0.map { ($0 * 1000).rounded() / 1000 } } == [[1, 1, 1], [1.2, 2, 1], [3, 3, 1]])
    #expect(heat.label == "radius·√n/‖x‖ (median)")
    #expect(Self.figure.logX && Self.figure.logY && Self.figure.xTicks == [100, 1000, 10000])
  }

  @Test func theBoundariesTraceTheCellEdges() throws {
    let heat = try #require(Self.figure.heatMap)
    #expect(heat.outlines.count == 3)
    // The prediction fails at (20, 1000), (40, 100), (40, 1000): five cell edges separate them from the rest.
    let prediction = heat.outlines[0]
    #expect(prediction.label.contains("prediction boundary") && prediction.color == 1 && !prediction.dashed)
    #expect(prediction.paths.reduce(0) { $0 + $1.count - 1 } == 5)
    // The premise fails at (20, 100), (40, 100), (40, 1000): edges x = √(100·1000) and x = √(1000·10000), y = √(10·20),
    // √(20·40). The two x edges are the prediction's too: drawn apart, dashed (on the prediction's line).
    let (premise, shared) = (heat.outlines[1], heat.outlines[2])
    #expect(premise.paths.reduce(0) { $0 + $1.count - 1 } == 2 && !premise.dashed && premise.color == nil)
    #expect(shared.paths.reduce(0) { $0 + $1.count - 1 } == 2 && shared.dashed && shared.color == nil)
    #expect(shared.label.contains("coincides with the prediction's"))
    let xs = Set(shared.paths.flatMap { $0.map(\.x) })
    #expect(xs.contains((100.0 * 1000).squareRoot()) && xs.contains((1000.0 * 10000).squareRoot()))
    #expect(Set(premise.paths.flatMap { $0.map(\.y) }).contains((10.0 * 20).squareRoot()))
    // Each path is a connected polyline: consecutive points share x or y (an edge of the grid).
    for path in prediction.paths + premise.paths + shared.paths {
      #expect(zip(path, path.dropFirst()).allSatisfy { $0.x == $1.x || $0.y == $1.y })
    }
  }

  @Test func aStaircaseOfTwoCellsIsOneEdgeAtTheGeometricMidpoint() {
    let segments = RegimeMap.Grid.chain([
      (Outline.Point(1, 0), Outline.Point(1, 1)), (Outline.Point(1, 1), Outline.Point(2, 1)),
      (Outline.Point(5, 5), Outline.Point(6, 5)),
    ])
    #expect(segments.count == 2)
    #expect(segments.contains([Outline.Point(1, 0), Outline.Point(1, 1), Outline.Point(2, 1)]))
  }

  @Test func counterexamplesTheoryAndCaptionAreDrawn() throws {
    let f = Self.figure
    #expect(f.series.count == 2 && f.series[0].x == [1000] && f.series[0].y == [20] && f.series[0].style == .points)
    #expect(f.series[0].label.contains("counterexample"))
    #expect(f.series[1].x == [100] && f.series[1].y == [20] && f.series[1].label.hasPrefix("beyond the premise"))
    #expect(f.references.count == 1 && f.references[0].label == "theory: n = √d" && f.references[0].style == .dashed)
    #expect(f.caption.hasPrefix("The law holds above the line. Cells: 5 both hold, 1 counterexample"))
    #expect(f.caption.contains("counterexample cells at n = 20, d = 1000"))
    #expect(
      f.caption.hasSuffix(
        "The prediction's and the premise's boundaries share 2 cell edges (of the prediction's 5 and the premise's 4), drawn in black dashes on orange."
      ))
    #expect(f.problems.isEmpty, "\(f.problems)")
    #expect(f.legend.clearOfData && f.notDrawn.isEmpty)
  }

  @Test func theAxesAreLabelledInWordsAndCoincidentBoundariesAreSaid() throws {
    #expect(Self.figure.xLabel == "d" && Self.figure.yLabel == "n")
    let map = RegimeMap(
      rows: "n", columns: "d", rowLabel: "training points n", columnLabel: "input dimension d",
      statistic: "prediction_radius", statisticLabel: "radius", prediction: .atMost(1.5), premise: "premise_ratio",
      premiseLabel: "d/n²", premiseHolds: .atLeast(1))
    let labelled = map.figure(RegimeMapTests.results(), name: "regime", title: "t")
    #expect(labelled.xLabel == "input dimension d" && labelled.yLabel == "training points n")
    #expect(
      RegimeMap.sharedSentence(shared: 3, prediction: 3, premise: 3)
        == "The prediction's and the premise's boundaries coincide (the same 3 cell edges): the premise's is drawn in black dashes on the prediction's orange line."
    )
    #expect(RegimeMap.sharedSentence(shared: 0, prediction: 3, premise: 2) == nil)
    #expect(RegimeMap.sharedSentence(shared: 1, prediction: 3, premise: 2)?.contains("share 1 cell edge (") == true)
  }
}
