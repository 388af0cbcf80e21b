import Foundation
import HDF5

/// A regime map claim's counts and cells in the result file (issue 26): `/claims/cNNN/regime_map`, a group with
/// attributes `rows`, `columns`, `statistic`, `premise` (the names judged), the four counts `both_hold`,
/// `counterexample`, `beyond_premise`, `both_fail`, and `description`; and one dataset per column of the cell
/// table (one element per cell, rows ascending then columns ascending), each with a `description`:
/// `row`, `column`, `seeds`, `median`, `low`, `high`, `spread`, `premise_median`, `outcome` (an index into the
/// JSON attribute `levels`), `margin_sigmas`. Plain HDF5: h5py and `h5dump` read it.
extension ClaimStore {
  /// The group's name under a verdict's group.
  static let regimeMapGroup = "regime_map"

  /// The outcome names in `levels` order (the stored indices).
  static let outcomeLevels = RegimeMap.Cell.Outcome.allCases.map(\.rawValue)

  static func storeRegimeMap(_ s: RegimeMap.Summary, in parent: H5Group) throws {
    let g = try parent.createGroup(regimeMapGroup)
    try g.setAttribute(
      "description",
      .string(
        "a regime map's cells: the median over seeds of \(s.statistic) and of \(s.premise) per (\(s.rows), \(s.columns)) cell, and each cell's outcome"
      ))
    for (name, value) in [("rows", s.rows), ("columns", s.columns), ("statistic", s.statistic), ("premise", s.premise)]
    {
      try g.setAttribute(name, .string(value))
    }
    for outcome in RegimeMap.Cell.Outcome.allCases {
      try g.setAttribute(countName(outcome), .int(Int64(s.count(outcome))))
    }
    let cells = s.cells
    func doubles(_ name: String, _ values: [Double], _ description: String) throws {
      try g.write(name, NDArray(values))
      try g.setAttribute("description", .string(description), onDataset: name)
    }
    try doubles("row", cells.map(\.row), "the cell's value of \(s.rows) (the map's y axis)")
    try doubles("column", cells.map(\.column), "the cell's value of \(s.columns) (the map's x axis)")
    try g.write("seeds", NDArray(cells.map { Int64($0.seeds) }))
    try g.setAttribute("description", .string("the points (seeds) in the cell"), onDataset: "seeds")
    try doubles("median", cells.map(\.median), "the median over the cell's seeds of \(s.statistic), in its units")
    try doubles("low", cells.map(\.low), "the lower quartile over the cell's seeds of \(s.statistic)")
    try doubles("high", cells.map(\.high), "the upper quartile over the cell's seeds of \(s.statistic)")
    try doubles("spread", cells.map(\.spread), "the SD over the cell's seeds of \(s.statistic) (NaN: one seed)")
    try doubles(
      "premise_median", cells.map(\.premiseMedian), "the median over the cell's seeds of \(s.premise), in its units")
    try g.write(
      "outcome", NDArray(cells.map { c in Int64(outcomeLevels.firstIndex(of: c.outcome.rawValue)!) }))
    try g.setAttribute(
      "description", .string("the cell's outcome: an index into the attribute levels"), onDataset: "outcome")
    try g.setAttribute(
      "levels", .string("[" + outcomeLevels.map(jsonString).joined(separator: ",") + "]"), onDataset: "outcome")
    try doubles(
      "margin_sigmas", cells.map(\.marginSigmas),
      "the cell's median against the prediction's nearest bound, in its seed SDs (positive: the prediction holds)")
  }

  /// "both_hold", "counterexample", "beyond_premise", "both_fail".
  static func countName(_ outcome: RegimeMap.Cell.Outcome) -> String {
    switch outcome {
    case .bothHold: return "both_hold"
    case .counterexample: return "counterexample"
    case .beyondPremise: return "beyond_premise"
    case .bothFail: return "both_fail"
    }
  }

  /// The stored map of a verdict's group: `.none` when it has none, `.some(nil)` when it is damaged (a column
  /// missing, of another length or type, an unknown outcome, a count that disagrees with the cells).
  static func readRegimeMap(_ parent: H5Group) -> RegimeMap.Summary?? {
    guard parent.contains(regimeMapGroup) else { return .none }
    guard let g = try? parent.group(regimeMapGroup) else { return .some(nil) }
    func text(_ a: String) -> String? {
      if case .string(let s)? = try? g.attribute(a) { return s }
      return nil
    }
    guard let rows = text("rows"), let columns = text("columns"), let statistic = text("statistic"),
      let premise = text("premise"),
      let row = try? g.readDoubles("row").values, let column = try? g.readDoubles("column").values,
      let seeds = try? g.readInt64s("seeds").values, let median = try? g.readDoubles("median").values,
      let low = try? g.readDoubles("low").values, let high = try? g.readDoubles("high").values,
      let spread = try? g.readDoubles("spread").values,
      let premiseMedian = try? g.readDoubles("premise_median").values,
      let outcome = try? g.readInt64s("outcome").values, let sigmas = try? g.readDoubles("margin_sigmas").values
    else { return .some(nil) }
    let n = row.count
    guard
      [
        column.count, seeds.count, median.count, low.count, high.count, spread.count, premiseMedian.count,
        outcome.count, sigmas.count,
      ].allSatisfy({ $0 == n }),
      outcome.allSatisfy({ $0 >= 0 && Int($0) < outcomeLevels.count })
    else { return .some(nil) }
    let cells = (0..<n).map { k in
      RegimeMap.Summary.Row(
        row: row[k], column: column[k], seeds: Int(seeds[k]), median: median[k], low: low[k], high: high[k],
        spread: spread[k], premiseMedian: premiseMedian[k],
        outcome: RegimeMap.Cell.Outcome(rawValue: outcomeLevels[Int(outcome[k])])!, marginSigmas: sigmas[k])
    }
    let summary = RegimeMap.Summary(rows: rows, columns: columns, statistic: statistic, premise: premise, cells: cells)
    for o in RegimeMap.Cell.Outcome.allCases {
      guard case .int(let stored)? = try? g.attribute(countName(o)), Int(stored) == summary.count(o) else {
        return .some(nil)
      }
    }
    return .some(summary)
  }
}
