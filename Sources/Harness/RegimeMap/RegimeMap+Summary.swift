import Foundation

extension RegimeMap {
  /// What a map claim's verdict stores beside its text (`/claims/cNNN/regime_map`): the four counts and one row
  /// per cell.
  public struct Summary: Sendable, Equatable {
    /// One cell as stored: its parameters, seed summary, premise median and outcome.
    public struct Row: Sendable, Equatable {
      public var row: Double
      public var column: Double
      public var seeds: Int
      public var median: Double
      public var low: Double
      public var high: Double
      public var spread: Double
      public var premiseMedian: Double
      public var outcome: Cell.Outcome
      /// The cell's margin in seed SDs (NaN with one seed), positive where the prediction holds.
      public var marginSigmas: Double

      public init(
        row: Double, column: Double, seeds: Int, median: Double, low: Double, high: Double, spread: Double,
        premiseMedian: Double, outcome: Cell.Outcome, marginSigmas: Double
      ) {
        self.row = row
        self.column = column
        self.seeds = seeds
        self.median = median
        self.low = low
        self.high = high
        self.spread = spread
        self.premiseMedian = premiseMedian
        self.outcome = outcome
        self.marginSigmas = marginSigmas
      }

      public init(_ cell: Cell) {
        self.init(
          row: cell.row, column: cell.column, seeds: cell.seeds, median: cell.median, low: cell.low, high: cell.high,
          spread: cell.spread, premiseMedian: cell.premiseMedian, outcome: cell.outcome,
          marginSigmas: cell.margin.sigmas)
      }

      /// Equal field by field, a NaN equal to a NaN (a stored row reads back equal to the computed one).
      public static func == (a: Row, b: Row) -> Bool {
        same(a.row, b.row) && same(a.column, b.column) && a.seeds == b.seeds && same(a.median, b.median)
          && same(a.low, b.low) && same(a.high, b.high) && same(a.spread, b.spread)
          && same(a.premiseMedian, b.premiseMedian) && a.outcome == b.outcome && same(a.marginSigmas, b.marginSigmas)
      }
    }

    /// The parameter names on the axes and the scalars judged.
    public var rows: String
    public var columns: String
    public var statistic: String
    public var premise: String
    public var cells: [Row]

    public init(rows: String, columns: String, statistic: String, premise: String, cells: [Row]) {
      self.rows = rows
      self.columns = columns
      self.statistic = statistic
      self.premise = premise
      self.cells = cells
    }

    /// How many cells have `outcome`.
    public func count(_ outcome: Cell.Outcome) -> Int { cells.filter { $0.outcome == outcome }.count }

    /// "4 both hold, 1 counterexample, 2 beyond the premise, 5 both fail", the order of `Cell.Outcome`.
    public var countsText: String {
      Cell.Outcome.allCases.map { o in
        let k = count(o)
        return o == .counterexample ? "\(k) counterexample\(k == 1 ? "" : "s")" : "\(k) \(o.rawValue)"
      }.joined(separator: ", ")
    }
  }
}
