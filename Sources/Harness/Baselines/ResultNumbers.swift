import Foundation

/// The levels at which two results are compared. `raw` is every number as stored; the aggregates are
/// what stays put when a trace is chaotic (a last-bit difference that grows until the trace is another
/// draw of the same distribution): the mean over the seeds of each sweep cell, and the mean of all.
public enum ComparisonLevel: String, Sendable, Codable, CaseIterable {
  case raw
  case seedMeans = "seed_means"
  case overallMean = "overall_mean"

  public var label: String {
    switch self {
    case .raw: return "raw"
    case .seedMeans: return "mean over seeds"
    case .overallMean: return "mean of all"
    }
  }
}

/// A result file's floating-point numbers by row (`/scalars/<name>`, or `/points/*/<name>` for the
/// arrays of every point) at each comparison level, and its claims' verdicts.
struct ResultNumbers {
  var rows: [String: [ComparisonLevel: [Double]]]
  var claims: [ClaimStore.Entry]

  static func read(_ path: String) throws -> ResultNumbers {
    let results = try Results.read(path)
    let points = results.points
    // Sweep cells: the points that differ only in their seed.
    let names = points.first?.values.map(\.name).filter { $0 != "seed" } ?? []
    let cells = points.grouped(by: names).map { $0.points.map(\.index) }

    var rows: [String: [ComparisonLevel: [Double]]] = [:]
    var scalarNames = Set<String>()
    var arrayNames = Set<String>()
    for p in points {
      scalarNames.formUnion(p.scalars.keys)
      arrayNames.formUnion(p.arrays.keys)
    }
    for name in scalarNames {
      let raw = points.map { $0.scalar(name) }
      rows["/scalars/\(name)"] = [
        .raw: raw,
        .seedMeans: cells.map { cell in mean(cell.map { raw[$0] }) },
        .overallMean: [mean(raw)],
      ]
    }
    for name in arrayNames {
      let arrays = points.map { $0.array(name) }
      var seedMeans: [Double] = []
      for cell in cells {
        let members = cell.map { arrays[$0] }
        if let n = members.first?.count, members.allSatisfy({ $0.count == n }) {
          seedMeans += (0..<n).map { t in mean(members.map { $0[t] }) }
        } else {
          seedMeans.append(mean(members.flatMap { $0 }))
        }
      }
      rows["/points/*/\(name)"] = [
        .raw: arrays.flatMap { $0 }, .seedMeans: seedMeans, .overallMean: [mean(arrays.flatMap { $0 })],
      ]
    }
    return ResultNumbers(rows: rows, claims: ClaimStore.read(path) ?? [])
  }

  /// The plain mean; NaN if any value is NaN (so a NaN is never averaged away).
  static func mean(_ values: [Double]) -> Double {
    values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
  }
}
