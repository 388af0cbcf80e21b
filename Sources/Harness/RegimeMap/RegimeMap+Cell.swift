import Foundation

extension RegimeMap {
  /// One cell of the grid: its seeds' statistic summarised by the median with the quartiles, the premise's median,
  /// and which of the four outcomes it has.
  public struct Cell: Sendable, Equatable {
    /// The four outcomes of a cell.
    public enum Outcome: String, Sendable, CaseIterable {
      /// Premise and prediction both hold.
      case bothHold = "both hold"
      /// The premise holds and the prediction fails: a counterexample (always shown).
      case counterexample
      /// The premise fails and the prediction holds: the conclusion reaches beyond the theorem.
      case beyondPremise = "beyond the premise"
      /// Both fail.
      case bothFail = "both fail"

      public init(premiseHolds: Bool, predictionHolds: Bool) {
        switch (premiseHolds, predictionHolds) {
        case (true, true): self = .bothHold
        case (true, false): self = .counterexample
        case (false, true): self = .beyondPremise
        case (false, false): self = .bothFail
        }
      }
    }

    /// The cell's parameter values: `row` on the y axis, `column` on the x axis.
    public var row: Double
    public var column: Double
    /// How many points (seeds) the cell holds.
    public var seeds: Int
    /// The median over seeds of the statistic (NaN when a seed's value is missing: never dropped).
    public var median: Double
    /// The seed interval: the quartiles over seeds (as `Series.median` draws them).
    public var low: Double
    public var high: Double
    /// The SD of the statistic over the cell's seeds (NaN with one seed).
    public var spread: Double
    /// The median over seeds of the premise scalar.
    public var premiseMedian: Double
    /// How many seeds lack the statistic (NaN) or the premise scalar.
    public var missing: Int
    public var predictionHolds: Bool
    public var premiseHolds: Bool
    public var outcome: Outcome
    /// The median against the prediction's nearest bound, in units of `spread` (positive where it holds).
    public var margin: Margin

    /// "n = 40, d = 200".
    public func name(rows: String, columns: String) -> String {
      "\(rows) = \(formatReal(row)), \(columns) = \(formatReal(column))"
    }
  }

  /// The cells of the map on these results, rows ascending then columns ascending (row-major), one per
  /// (row, column) pair that has points at the `fixed` values. A cell pools every point at its pair (its seeds).
  public func cells(_ results: Results) -> [Cell] {
    let points = points(results)
    var byCell: [[Double]: [PointResult]] = [:]
    for p in points { byCell[[p.real(rows), p.real(columns)], default: []].append(p) }
    return byCell.keys.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }.map { key in
      cell(row: key[0], column: key[1], byCell[key]!)
    }
  }

  func cell(row: Double, column: Double, _ points: [PointResult]) -> Cell {
    let values = points.map { $0.scalar(statistic) }
    let premises = points.map { $0.scalar(premise) }
    let median = Statistics.median(values)
    let premiseMedian = Statistics.median(premises)
    let finite = values.filter(\.isFinite)
    let spread = finite.count >= 2 ? Statistics.standardDeviation(finite) : .nan
    let predictionHolds = prediction.admits(median)
    let premiseHolds = premiseHolds.admits(premiseMedian)
    let (bound, side) = prediction.nearestBound(to: median)
    let missing = zip(values, premises).filter { $0.isNaN || $1.isNaN }.count
    return Cell(
      row: row, column: column, seeds: points.count, median: median,
      low: Statistics.quantile(values, 0.25), high: Statistics.quantile(values, 0.75), spread: spread,
      premiseMedian: premiseMedian, missing: missing, predictionHolds: predictionHolds, premiseHolds: premiseHolds,
      outcome: Cell.Outcome(premiseHolds: premiseHolds, predictionHolds: predictionHolds),
      margin: Margin(
        statistic: median, threshold: bound, spread: spread, passes: side,
        what: "the cell's median of \(statistic) against \(formatNumber(bound)); spread: the SD over its "
          + "\(finite.count) seed\(finite.count == 1 ? "" : "s")"))
  }
}
