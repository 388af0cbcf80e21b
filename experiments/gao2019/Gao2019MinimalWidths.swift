import Foundation
import Harness
import Numerics

// The minimal widths of the capacity module (capacity.swift), read back from its points: one point per (d, seed)
// holds the minimal width at every radius of its ladder (`minimal_width`, clean first), so every ratio is paired
// (the same data and the same draws of W(0) at every δ). (A shared file of the paper: its name starts with a
// capital, so it is not a module.)
extension Gao2019 {
  /// One (d, seed): the δ ratios of its ladder (0 first), the minimal width at each (+∞ beyond the search) and
  /// the same within T/2.
  struct CapacityRow {
    var d: Double
    var seed: Double
    var ratios: [Double]
    var widths: [Double]
    var half: [Double]
    /// The paired ratio of the minimal width at level k to the clean one (+∞ when k is beyond the search).
    func gap(_ k: Int) -> Double { widths[k] / widths[0] }
    var top: Int { widths.count - 1 }
  }

  /// Every (d, seed) of a capacity result, in increasing (d, seed).
  static func capacityRows(_ results: Results) -> [CapacityRow] {
    results.points.map { p in
      CapacityRow(
        d: p.real("d"), seed: p.real("seed"), ratios: p.array("delta_ratios"), widths: p.array("minimal_width"),
        half: p.array("minimal_width_half"))
    }.sorted { ($0.d, $0.seed) < ($1.d, $1.seed) }
  }

  /// The rows grouped by d, in increasing d.
  static func capacityByDimension(_ results: Results) -> [(d: Double, rows: [CapacityRow])] {
    let rows = capacityRows(results)
    return Set(rows.map(\.d)).sorted().map { d in (d, rows.filter { $0.d == d }) }
  }

  /// The median and the SD over seeds of a per-seed value (an infinite value gives an infinite median or SD).
  static func spread(_ xs: [Double]) -> (median: Double, sd: Double) {
    (Statistics.median(xs), xs.count > 1 ? Statistics.standardDeviation(xs) : .nan)
  }

  /// "12, 12, 16" (per seed), "∞" beyond the search.
  static func perSeed(_ xs: [Double]) -> String {
    xs.map { $0.isFinite ? formatNumber($0) : "∞" }.joined(separator: ", ")
  }
}
