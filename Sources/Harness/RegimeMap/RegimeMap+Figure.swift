import Figures

extension RegimeMap {
  /// The map as a figure: a heat map of the cell medians (log axes where asked), the prediction's pass/fail
  /// boundary and the measured premise boundary traced along the cell edges (`Outline`s), the theory's boundary
  /// dashed, the counterexample cells marked, the colour scale labelled `statisticLabel`. The caption is `caption`
  /// followed by the four counts, computed from the results.
  public func figure(_ results: Results, name: String, title: String, caption: String = "") -> Figure {
    let cells = cells(results)
    let grid = Grid(cells)
    let z = grid.cells.map { row in row.map { $0?.median ?? .nan } }
    var heat = HeatMap(x: grid.columns, y: grid.rows, z: z, label: statisticLabel)
    let predictionLine = grid.boundary(logX: logColumns, logY: logRows, \.predictionHolds)
    let premiseLine = grid.boundary(logX: logColumns, logY: logRows, \.premiseHolds)
    if !predictionLine.isEmpty {
      heat.outlines.append(
        Outline(label: "prediction holds | fails (median \(prediction.text))", paths: predictionLine, color: 1))
    }
    if !premiseLine.isEmpty {
      heat.outlines.append(
        Outline(label: "premise holds | fails, measured (\(premiseLabel) \(premiseHolds.text))", paths: premiseLine))
    }
    let xEdges = HeatMap.cellEdges(grid.columns, log: logColumns)
    let yEdges = HeatMap.cellEdges(grid.rows, log: logRows)
    let xRange = (xEdges.first?.0 ?? 1)...(xEdges.last?.1 ?? 10)
    let yRange = (yEdges.first?.0 ?? 1)...(yEdges.last?.1 ?? 10)
    var references: [Series] = []
    if let theory = theoryBoundary, grid.columns.count > 0 {
      references.append(Series.reference(theory.label, over: xRange, log: logColumns, samples: 96, theory.row))
    }
    let counterexamples = cells.filter { $0.outcome == .counterexample }
    var series: [Series] = []
    if !counterexamples.isEmpty {
      series.append(
        Series(
          label: "counterexample cell (premise holds, prediction fails)", x: counterexamples.map(\.column),
          y: counterexamples.map(\.row), style: .points, color: 1, marker: 3))
    }
    let summary = Summary(
      rows: rows, columns: columns, statistic: statistic, premise: premise, cells: cells.map(Summary.Row.init))
    let counts =
      "Cells: \(summary.countsText)"
      + (counterexamples.isEmpty
        ? " (no counterexample cell)."
        : "; counterexample cells at "
          + counterexamples.map { plain($0.name(rows: rows, columns: columns)) }.joined(separator: "; ") + ".")
    var figure = Figure(
      name: name, title: title, xLabel: plain(columns), yLabel: plain(rows), logX: logColumns, logY: logRows,
      series: series, references: references, heatMap: heat, xTicks: grid.columns, legend: .below,
      xRange: xRange, yRange: yRange, caption: caption.isEmpty ? counts : caption + " " + counts)
    figure.caption = plain(figure.caption)
    return figure
  }

  /// A parameter name as plain text: underscores read as identifiers, so they become spaces.
  func plain(_ s: String) -> String { s.replacingOccurrences(of: "_", with: " ") }
}
