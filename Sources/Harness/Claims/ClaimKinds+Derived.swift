import Foundation

// The claim kinds over a table derived from the points (`DerivedTable.swift`): derivedCount, derivedShare,
// derivedValue, derivedRatio and derivedGrowth. Each takes an optional `margin` (`Margin`): the kind cannot tell
// which spread a derived statistic has, so the module supplies it (nil: none shown).

/// One group's column along a key, as `growth` judges it: the values at increasing levels and the verdict.
public struct GrowthRun: Sendable {
  /// The group's values of the `per` keys.
  public let key: [(name: String, value: Value)]
  /// The levels of the key the column grows along, increasing, and the column's (median) value at each.
  public let levels: [Double]
  public let values: [Double]
  /// Whether `growth` holds for this group: non-decreasing, last > first, nothing missing or infinite.
  public let holds: Bool

  /// Never falling from one level to the next.
  public var nonDecreasing: Bool { zip(values, values.dropFirst()).allSatisfy { $0 <= $1 } }
  /// The value at the last level over the value at the first.
  public var ratio: Double { (values.last ?? .nan) / (values.first ?? .nan) }
  /// "1 ≤ 1.33 ≤ 2" (or "1, 3, 2" when it falls somewhere), as `growth` shows it.
  public var sequence: String { values.map(formatNumber).joined(separator: nonDecreasing ? " ≤ " : ", ") }
}

extension Claim {
  /// Rows of `table` that `fails` rejects number at most `allowed`, and the table has rows: one verdict, valued
  /// by the number of failing rows. `observed` words the failing rows, in table order, out of the total.
  public static func derivedCount(
    _ statement: String, reason: String, table: @escaping @Sendable (Results) -> DerivedTable,
    failing fails: @escaping @Sendable (DerivedTable.Row) -> Bool, atMost allowed: Int = 0, bound: String,
    observed: @escaping @Sendable (_ failing: [DerivedTable.Row], _ total: Int) -> String, valueIs: String,
    margin: (@Sendable (DerivedTable) -> Margin?)? = nil
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      let derived = table(results)
      let rows = derived.rows
      let failing = rows.filter(fails)
      return [
        Verdict(
          statement: statement, bound: bound, observed: observed(failing, rows.count), value: Double(failing.count),
          valueIs: valueIs, holds: failing.count <= allowed && !rows.isEmpty, margin: margin?(derived))
      ]
    }
  }

  /// The share of rows of `table` that `meets` accepts is at least `required`: one verdict, valued by the share,
  /// its statement labelled by `label` of the first row (e.g. "s = 0.25"; "" for none). No rows: no verdict.
  public static func derivedShare(
    _ statement: String, reason: String, table: @escaping @Sendable (Results) -> DerivedTable,
    meeting meets: @escaping @Sendable (DerivedTable.Row) -> Bool, atLeast required: Double,
    label: @escaping @Sendable (DerivedTable.Row) -> String = { _ in "" }, bound: String,
    observed: @escaping @Sendable (_ met: Int, _ rows: [DerivedTable.Row]) -> String, valueIs: String,
    margin: (@Sendable (DerivedTable) -> Margin?)? = nil
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      let derived = table(results)
      let rows = derived.rows
      guard let first = rows.first else { return [] }
      let met = rows.filter(meets).count
      let share = Double(met) / Double(rows.count)
      return [
        Verdict(
          statement: statement + parenthesised(label(first)), bound: bound, observed: observed(met, rows), value: share,
          valueIs: valueIs, holds: share >= required, margin: margin?(derived))
      ]
    }
  }

  /// `value` of every row of `table` meets the bound `meets` (`bound` words it): one verdict per row, valued by it,
  /// its statement (`verdict`, by default the claim's) labelled by `label` of the row (e.g. "d = 20, δ ratio =
  /// 0.75"; "" for none). A missing value (NaN) meets no bound.
  public static func derivedValue(
    _ statement: String, reason: String, verdict: String? = nil,
    table: @escaping @Sendable (Results) -> DerivedTable,
    label: @escaping @Sendable (DerivedTable.Row) -> String = { _ in "" },
    of value: @escaping @Sendable (DerivedTable.Row) -> Double, _ meets: Bound, bound: String,
    observed: @escaping @Sendable (DerivedTable.Row) -> String, valueIs: String,
    margin: (@Sendable (DerivedTable.Row) -> Margin?)? = nil
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      table(results).rows.map { row in
        let v = value(row)
        return Verdict(
          statement: (verdict ?? statement) + parenthesised(label(row)), bound: bound, observed: observed(row),
          value: v, valueIs: valueIs, holds: meets.admits(v), margin: margin?(row))
      }
    }
  }

  /// Column `a` over column `b` meets `ratio` at every row of `table`, both finite (a width beyond the sweep is
  /// no ratio): one verdict per row, valued by a/b, worded as `derivedValue`'s.
  public static func derivedRatio(
    _ statement: String, reason: String, verdict: String? = nil,
    table: @escaping @Sendable (Results) -> DerivedTable,
    label: @escaping @Sendable (DerivedTable.Row) -> String = { _ in "" }, _ a: String, over b: String,
    _ ratio: Bound, bound: String, observed: @escaping @Sendable (DerivedTable.Row) -> String, valueIs: String,
    margin: (@Sendable (DerivedTable.Row) -> Margin?)? = nil
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      table(results).rows.map { row in
        let (x, y) = (row[a], row[b])
        return Verdict(
          statement: (verdict ?? statement) + parenthesised(label(row)), bound: bound, observed: observed(row),
          value: x / y, valueIs: valueIs, holds: x.isFinite && y.isFinite && ratio.admits(x / y),
          margin: margin?(row))
      }
    }
  }

  /// Column `column` of `table` grows along key `x` in every group of the `per` keys, each group judged by
  /// `growth` (median per level, never falling, last > first, nothing missing or infinite): one verdict over all
  /// groups, its statement (`verdict`, by default the claim's) labelled by `label` of the first row. `observed`
  /// words the groups' runs, `value` states one number of them (e.g. the smallest last/first).
  public static func derivedGrowth(
    _ statement: String, reason: String, verdict: String? = nil,
    table: @escaping @Sendable (Results) -> DerivedTable, of column: String, along x: String, per groups: [String] = [],
    label: @escaping @Sendable (DerivedTable.Row) -> String = { _ in "" }, bound: String,
    observed: @escaping @Sendable ([GrowthRun]) -> String, value: @escaping @Sendable ([GrowthRun]) -> Double,
    valueIs: String, margin: (@Sendable ([GrowthRun]) -> Margin?)? = nil
  ) -> Claim {
    Claim(statement: statement, reason: reason) { results in
      let derived = table(results)
      guard let first = derived.rows.first else { return [] }
      let points = derived.results
      let judged = growth("", reason: "", of: { $0.scalar(column) }, along: x, per: groups).evaluate(points)
      let runs = zip(points.grouped(by: groups), judged).map { group, judgement in
        let (levels, _) = medians(group.points, { $0.scalar(column) }, along: x)
        return GrowthRun(
          key: Array(zip(groups, group.key)), levels: levels.map(\.x), values: levels.map(\.y), holds: judgement.holds)
      }
      return [
        Verdict(
          statement: (verdict ?? statement) + parenthesised(label(first)), bound: bound,
          observed: observed(runs), value: value(runs), valueIs: valueIs, holds: runs.allSatisfy(\.holds),
          margin: margin?(runs))
      ]
    }
  }
}

/// " (d = 20)" for a label "d = 20", "" for none.
private func parenthesised(_ label: String) -> String { label.isEmpty ? "" : " (\(label))" }
