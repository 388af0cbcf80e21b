import Foundation

extension Claim {
  /// Inside the premise the prediction holds at all but `allowedInsideFailures` cells (the seed noise, a count), and
  /// it fails at some cell outside the premise (the map contains its own control). Fails when no cell is inside.
  ///
  /// One verdict, valued by the number of counterexample cells (premise holds, prediction fails); its observed text
  /// gives the four counts and names every counterexample cell ("no counterexample cell" when there is none). A cell
  /// outside the premise counts as the map's own control only with a measured (finite) median that fails. The
  /// margin is the nearest relevant cell's, in its seed SDs (`RegimeMap.claimMargin`). Parameters other than the
  /// axes that vary among the map's points (not named in `fixed:`) fail the verdict: their points would be pooled.
  public static func regimeMap(_ statement: String, reason: String, map: RegimeMap, allowedInsideFailures: Int)
    -> Claim
  {
    Claim(statement: statement, reason: reason) { results in
      let cells = map.cells(results)
      guard !cells.isEmpty else { return [] }
      return [
        map.verdict(
          statement, cells: cells, pooled: map.pooledParameters(map.points(results)),
          allowed: allowedInsideFailures)
      ]
    }
  }
}

extension RegimeMap {
  /// The map claim's verdict on these cells.
  func verdict(_ statement: String, cells: [Cell], pooled: [String], allowed: Int) -> Verdict {
    let inside = cells.filter(\.premiseHolds)
    let counterexamples = cells.filter { $0.outcome == .counterexample }
    let controls = cells.filter { $0.outcome == .bothFail && $0.median.isFinite }
    let summary = Summary(
      rows: rows, columns: columns, statistic: statistic, premise: premise, cells: cells.map(Summary.Row.init))
    var observed = "\(cells.count) cells (\(rows) × \(columns)): \(summary.countsText); "
    observed +=
      counterexamples.isEmpty
      ? "no counterexample cell"
      : "counterexample cell\(counterexamples.count == 1 ? "" : "s"): "
        + counterexamples.map { "\($0.name(rows: rows, columns: columns)) (median \(formatNumber($0.median)))" }
        .joined(separator: "; ")
    if inside.isEmpty { observed += "; no cell inside the premise: the map tests nothing" }
    if controls.isEmpty {
      observed += "; the prediction fails at no cell outside the premise: the map has no control of its own"
    }
    let missing = cells.filter { $0.missing > 0 }
    if !missing.isEmpty {
      observed += "; \(missing.count) cell\(missing.count == 1 ? "" : "s") with a missing value (NaN: never met)"
    }
    if !pooled.isEmpty {
      observed += "; \(pooled.joined(separator: ", ")) varies within a cell: pooled, so not judged (name it in fixed:)"
    }
    return Verdict(
      statement: statement,
      bound: "\(statistic) \(prediction.text) at all but \(allowed) of the cells where \(premise) "
        + "\(premiseHolds.text), and not at some cell outside",
      observed: observed, value: Double(counterexamples.count),
      valueIs: "the number of counterexample cells (premise holds, prediction fails; medians over seeds)",
      holds: !inside.isEmpty && counterexamples.count <= allowed && !controls.isEmpty && pooled.isEmpty,
      margin: claimMargin(cells, allowed: allowed), regimeMap: summary)
  }

  /// The claim's margin: the nearer to flipping of (a) the inside cell at rank `allowed + 1` from the worst (the
  /// worst that must still hold), its median against the prediction's bound, and (b) the outside cell that fails
  /// most clearly (the map's own control), its median against the bound from the failing side; each in its own
  /// seed SDs. A side with no cell is left out; nil when neither has one. A NaN margin (one seed) counts as nearest.
  func claimMargin(_ cells: [Cell], allowed: Int) -> Margin? {
    func rank(_ s: Double) -> Double { s.isNaN ? -.infinity : s }
    let inside = cells.filter(\.premiseHolds).sorted { rank($0.margin.sigmas) < rank($1.margin.sigmas) }
    var candidates: [Margin] = []
    if inside.count > allowed {
      let c = inside[allowed]
      var m = c.margin
      m.what =
        "the inside cell at rank \(allowed + 1) from the worst (\(c.name(rows: rows, columns: columns))): "
        + m.what
      candidates.append(m)
    }
    // Outside the premise the prediction should fail: the cell that fails most clearly, its margin reversed.
    let outside = cells.filter { !$0.premiseHolds && $0.median.isFinite }
    if let c = outside.max(by: { rank(-$0.margin.sigmas) < rank(-$1.margin.sigmas) }) {
      var m = c.margin
      m.passes = m.passes == .above ? .below : .above
      m.what =
        "the outside cell that fails most clearly (\(c.name(rows: rows, columns: columns))), which must fail: "
        + m.what
      candidates.append(m)
    }
    return candidates.min { rank($0.sigmas) < rank($1.sigmas) }
  }
}
