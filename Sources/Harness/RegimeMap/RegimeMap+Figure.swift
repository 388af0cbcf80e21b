import Figures

extension RegimeMap {
  /// The map as a figure: a heat map of the cell medians (log axes where asked), the prediction's pass/fail
  /// boundary and the measured premise boundary traced along the cell edges (`outlines(_:)`), the theory's boundary
  /// dashed, the counterexample cells marked (and the cells beyond the premise), the colour scale labelled
  /// `statisticLabel` (logarithmic when the medians are positive and span a factor of 20 or more), the axes labelled
  /// `columnLabel` and `rowLabel`. The caption is `caption` followed by the four counts and, where the two boundaries
  /// share cell edges, how many, computed from the results.
  public func figure(_ results: Results, name: String, title: String, caption: String = "") -> Figure {
    let cells = cells(results)
    let grid = Grid(cells)
    let z = grid.cells.map { row in row.map { $0?.median ?? .nan } }
    var heat = HeatMap(x: grid.columns, y: grid.rows, z: z, label: statisticLabel)
    // Positive medians spanning more than a decade and a bit: a log colour scale, so the cells near the prediction's
    // bound are not all one colour beside a far outlier.
    let medians = cells.map(\.median).filter(\.isFinite)
    if let low = medians.min(), let high = medians.max(), low > 0, high / low >= 20 { heat.logScale = true }
    // The prediction's boundary wide and in colour, the premise's narrow and black on top (dashed where the two
    // coincide, so that both show).
    let (outlines, shared) = outlines(grid)
    heat.outlines = outlines
    let xEdges = HeatMap.cellEdges(grid.columns, log: logColumns)
    let yEdges = HeatMap.cellEdges(grid.rows, log: logRows)
    let xRange = (xEdges.first?.0 ?? 1)...(xEdges.last?.1 ?? 10)
    let yRange = (yEdges.first?.0 ?? 1)...(yEdges.last?.1 ?? 10)
    var references: [Series] = []
    if let theory = theoryBoundary, grid.columns.count > 0 {
      references.append(Series.reference(theory.label, over: xRange, log: logColumns, samples: 96, theory.row))
    }
    let counterexamples = cells.filter { $0.outcome == .counterexample }
    let beyond = cells.filter { $0.outcome == .beyondPremise }
    var series: [Series] = []
    if !counterexamples.isEmpty {
      series.append(
        Series(
          label: "counterexample cell (premise holds, prediction fails)", x: counterexamples.map(\.column),
          y: counterexamples.map(\.row), style: .points, color: 1, marker: 3))
    }
    if !beyond.isEmpty {
      series.append(
        Series(
          label: "beyond the premise (premise fails, prediction holds)", x: beyond.map(\.column), y: beyond.map(\.row),
          style: .points, color: 6, marker: 5))
    }
    let summary = Summary(
      rows: rows, columns: columns, statistic: statistic, premise: premise, cells: cells.map(Summary.Row.init))
    let counts =
      "Cells: \(summary.countsText)"
      + (counterexamples.isEmpty
        ? " (no counterexample cell)."
        : "; counterexample cells at "
          + counterexamples.map { plain($0.name(rows: rows, columns: columns)) }.joined(separator: "; ") + ".")
      + (shared.map { " " + $0 } ?? "")
    var figure = Figure(
      name: name, title: title, xLabel: columnLabel ?? plain(columns),
      yLabel: rowLabel ?? plain(rows), logX: logColumns, logY: logRows,
      series: series, references: references, heatMap: heat, xTicks: grid.columns, legend: .below,
      xRange: xRange, yRange: yRange, caption: caption.isEmpty ? counts : caption + " " + counts)
    figure.caption = plain(figure.caption)
    return figure
  }

  /// A parameter name as plain text: underscores read as identifiers, so they become spaces.
  func plain(_ s: String) -> String { s.replacingOccurrences(of: "_", with: " ") }
}
