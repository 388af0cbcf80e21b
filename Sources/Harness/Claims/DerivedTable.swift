import Foundation

/// Statistics over a table derived from the points: the claim first derives one row per group of points (e.g.
/// per (d, δ, seed): the smallest width of the sweep that fits; per (d, δ): its median over seeds), then states a
/// statistic of that table against a bound: how many rows fail a condition, the share that meet it, a value or a
/// ratio of two columns at each row, or the growth of a column along a key. The module words the verdict (its
/// bound, the observed text); the kind computes the value and decides whether it holds.
public struct DerivedTable: Sendable {
  /// One row: the values of the group's keys (parameters, or a label such as "clean") and the numbers derived.
  public struct Row: Sendable {
    public let key: [(name: String, value: Value)]
    public let values: [String: Double]

    public init(key: [(name: String, value: Value)], values: [String: Double]) {
      self.key = key
      self.values = values
    }

    /// A key's value; nil for a name the row is not keyed by.
    public func value(_ name: String) -> Value? { key.first { $0.name == name }?.value }

    /// A key's value as a number; NaN for a text or a name the row is not keyed by.
    public func real(_ name: String) -> Double {
      switch value(name) {
      case .int(let i)?: return Double(i)
      case .real(let x)?: return x
      default: return .nan
      }
    }

    /// A derived number; NaN for a name the row has not.
    public subscript(_ column: String) -> Double { values[column] ?? .nan }

    /// "d = 20, δ ratio = 0.75": the values of the keys `names` lists, each shown by its second name.
    public func label(_ names: [(key: String, shown: String)]) -> String {
      names.map { "\($0.shown) = \(value($0.key).map(\.description) ?? "?")" }.joined(separator: ", ")
    }
  }

  public let rows: [Row]

  public init(rows: [Row]) { self.rows = rows }

  /// One row per group of `points` with equal values of `keys` (in sweep order), each column one number per group.
  public init(
    _ points: [PointResult], by keys: [String],
    columns: [(name: String, value: @Sendable ([PointResult]) -> Double)]
  ) {
    rows = points.grouped(by: keys).map { group in
      Row(
        key: Array(zip(keys, group.key)),
        values: Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.value(group.points)) }))
    }
  }

  /// The rows grouped by their key without `name` (in order of first appearance), each column reduced to
  /// `statistic` of its values in the group (e.g. `Statistics.median` over seeds).
  public func reduced(over name: String, _ statistic: ([Double]) -> Double) -> DerivedTable {
    var order: [[Value]] = []
    var groups: [[Value]: [Row]] = [:]
    for row in rows {
      let key = row.key.filter { $0.name != name }.map(\.value)
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(row)
    }
    return DerivedTable(
      rows: order.map { key in
        let members = groups[key]!
        var values: [String: Double] = [:]
        for column in members[0].values.keys { values[column] = statistic(members.map { $0[column] }) }
        return Row(key: members[0].key.filter { $0.name != name }, values: values)
      })
  }

  /// The same rows with one more column, `name`, computed from each row (e.g. the ratio of two columns).
  public func adding(_ name: String, _ value: (Row) -> Double) -> DerivedTable {
    DerivedTable(
      rows: rows.map { row in
        var values = row.values
        values[name] = value(row)
        return Row(key: row.key, values: values)
      })
  }

  /// The rows at the largest value (over the whole table) of every key in `names`.
  public func atLargest(_ names: String...) -> DerivedTable {
    let top = names.map { name in (name, rows.map { $0.real(name) }.filter { !$0.isNaN }.max()) }
    return DerivedTable(rows: rows.filter { row in top.allSatisfy { row.real($0.0) == $0.1 } })
  }

  /// The rows in increasing order of their keys, compared key by key (numbers by value, texts alphabetically).
  public func sorted() -> DerivedTable {
    func number(_ v: Value) -> Double {
      switch v {
      case .int(let i): return Double(i)
      case .real(let x): return x
      case .text: return .nan
      }
    }
    func before(_ a: Value, _ b: Value) -> Bool {
      if case .text(let s) = a, case .text(let t) = b { return s < t }
      return number(a) < number(b)
    }
    return DerivedTable(
      rows: rows.sorted { a, b in
        a.key.map(\.value).lexicographicallyPrecedes(b.key.map(\.value), by: before)
      })
  }

  /// Tables one after the other under a new first key `name`, each part's rows keyed by its label.
  public static func stacked(_ parts: [(label: Value, table: DerivedTable)], as name: String) -> DerivedTable {
    DerivedTable(
      rows: parts.flatMap { part in part.table.rows.map { Row(key: [(name, part.label)] + $0.key, values: $0.values) } }
    )
  }

  /// The distinct values of key `name`, as numbers, in increasing order.
  public func ascendingValues(of name: String) -> [Double] { Set(rows.map { $0.real(name) }).sorted() }

  /// The rows whose key `name` has the value `x`.
  public func rows(where name: String, is x: Double) -> [Row] { rows.filter { $0.real(name) == x } }

  /// The table as results: a point per row, its keys as parameters and its numbers as scalars, so that a claim
  /// kind over points (`growth`) judges the rows.
  var results: Results {
    Results(
      path: "derived table", attributes: [:],
      points: rows.enumerated().map { k, row in
        PointResult(index: k, values: row.key, scalars: row.values, arrays: [:], notes: [:])
      })
  }
}
