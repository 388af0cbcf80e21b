import Foundation

/// One row of `repro diff` for the k-th stored claim: its verdict, which must agree exactly, or its observed
/// value, held to the measured move of that value (or tight).
public struct ClaimDiff: DiffRow, Equatable {
  public enum Aspect: String, Sendable {
    case verdict = "claim verdict"
    case value = "claim value"
  }
  /// The claim's position in `/claims` (0 for `c000`).
  public var index: Int
  public var aspect: Aspect
  public var tolerance: Tolerance
  public var basis: String
  public var maxAbsolute: Double = 0
  public var maxRelative: Double = 0
  public var status: DiffStatus = .same
  public var note: String = ""

  /// `/claims/c000`.
  public var name: String { String(format: "/claims/c%03d", index) }
  public var level: String { aspect.rawValue }
  public var shape: String { "scalar" }
}

extension Baselines {
  /// The claims' stored verdicts, which must agree exactly, and their observed values, within the
  /// measured move of each (or tight).
  static func compareClaims(_ result: String, _ baseline: String, sensitivity: SensitivityReport?, factor: String)
    -> [ClaimDiff]
  {
    let a = ClaimStore.read(result) ?? []
    let b = ClaimStore.read(baseline) ?? []
    var rows: [ClaimDiff] = []
    for k in 0..<max(a.count, b.count) {
      var verdict = ClaimDiff(index: k, aspect: .verdict, tolerance: .exact, basis: "exact")
      guard k < a.count, k < b.count, a[k].verdict.statement == b[k].verdict.statement else {
        verdict.status = .differs
        verdict.note = k >= a.count ? "missing from the result" : k >= b.count ? "not in the baseline" : "another claim"
        rows.append(verdict)
        continue
      }
      let (x, y) = (a[k].verdict, b[k].verdict)
      if x.holds != y.holds {
        verdict.status = .differs
        verdict.maxAbsolute = 1
        verdict.maxRelative = 1
        verdict.note =
          "\(x.holds ? "holds" : "fails") where the baseline \(y.holds ? "holds" : "fails"): \(x.statement)"
      }
      rows.append(verdict)
      let measured = sensitivity.map { k < $0.claims.count } ?? false
      let tol = measured ? sensitivity!.claimTolerance(k) : .tight
      var value = ClaimDiff(index: k, aspect: .value, tolerance: tol, basis: measured ? "measured ×\(factor)" : "tight")
      compare([x.value], [y.value], tol, into: &value)
      rows.append(value)
    }
    return rows
  }
}
