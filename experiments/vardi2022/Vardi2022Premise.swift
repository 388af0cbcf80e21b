import Foundation
import Harness
import Numerics

/// The theorem's premise, measured point by point (issue 24, item 1): the training data must be nearly
/// orthogonal, |⟨x_i, x_j⟩| small next to ‖x_i‖²/n. Neither the abstract nor the paper notes give the constant;
/// this project takes 1: point i is **inside the premise** when n·max_{j≠i}|⟨x_i, x_j⟩| ≤ ‖x_i‖², i.e. when even
/// n − 1 cross terms of the largest size sum to less than the point's own ‖x_i‖². That is what the flip along
/// −y·u needs: ⟨x_i, Σ_l y_l x_l⟩ = y_i‖x_i‖² + Σ_{l≠i} y_l⟨x_i, x_l⟩ keeps the sign and the size of its own
/// term (so the flip radius is ‖x‖/√n, constant 1, in the orthogonal limit); the proofs need a larger constant,
/// so "inside" here is the weakest reading, and a point outside it is outside any reading. The ratio is recorded
/// per point (`premise_ratio`), so another constant can be applied to the same results.
extension Vardi2022 {
  /// Per training point i: n·max_{j≠i}|⟨x_i, x_j⟩| / ‖x_i‖², from the Gram matrix (inside the premise: ≤ 1).
  static func premiseRatios(_ data: TrainingSet) -> [Double] {
    let g = data.gram
    let n = data.count
    return (0..<n).map { i in
      var worst = 0.0
      for j in 0..<n where j != i { worst = max(worst, abs(g[i, j])) }
      return Double(n) * worst / g[i, i]
    }
  }

  /// The median of `values` over the points `keep` admits; NaN when it admits none (or one of them is NaN).
  static func median(_ values: [Double], where keep: [Bool]) -> Double {
    let kept = zip(values, keep).filter(\.1).map(\.0)
    return kept.isEmpty ? .nan : Statistics.median(kept)
  }

  /// The premise per point and the flip radius `radii` (along −y·u) split by it: `premise_ratio` per point, the
  /// share and count of points inside, and the median radius over the points inside and over those outside (NaN
  /// where there is none: a run with no point inside is recorded, and the claims name it).
  static func recordPremise(_ r: inout Record, data: TrainingSet, radii: [Double]) {
    let ratios = premiseRatios(data)
    let inside = ratios.map { $0 <= 1 }
    let count = inside.filter { $0 }.count
    r.set(
      "premise_ratio", ratios,
      "per training point: n·max_{j≠i}|⟨x_i, x_j⟩|/‖x_i‖²; the point is inside the theorem's premise (nearly orthogonal data, constant 1) when ≤ 1"
    )
    r.set(
      "premise_share", Double(count) / Double(data.count),
      "share of training points inside the premise n·max_{j≠i}|⟨x_i, x_j⟩| ≤ ‖x_i‖²")
    r.setCount("premise_inside", count, "training points inside the premise (premise_ratio ≤ 1)")
    r.set(
      "premise_ratio_median", Statistics.median(ratios),
      "median over the training points of n·max_{j≠i}|⟨x_i, x_j⟩|/‖x_i‖² (the premise needs ≤ 1)")
    r.set(
      "flip_radius_inside_median", median(radii, where: inside),
      "median of flip_radius over the training points inside the premise (NaN if none is inside, or one of them has no flip)",
      units: "ℓ2 norm, input units", allowing: .nan)
    r.set(
      "flip_radius_outside_median", median(radii, where: inside.map { !$0 }),
      "median of flip_radius over the training points outside the premise (NaN if none is outside, or one of them has no flip)",
      units: "ℓ2 norm, input units", allowing: .nan)
  }

  /// A run's flip radius over its points inside (or outside) the premise, times √n/‖x‖: 1 is the prediction.
  static func relativeRadius(_ name: String) -> @Sendable (PointResult) -> Double {
    { $0.scalar(name) * $0.real("n").squareRoot() / $0.scalar("input_norm") }
  }

  /// `claim` judged on the runs `keep` admits, its observed text naming the runs it leaves out (`leftOut`) so
  /// that none is dropped silently; no verdict when every run is left out (the claim then fails: no data).
  static func judged(
    _ claim: Claim, on keep: @escaping @Sendable (PointResult) -> Bool, leftOut: String
  ) -> Claim {
    Claim(statement: claim.statement, reason: claim.reason) { results in
      let kept = results.restricted(to: keep)
      let out = results.points.count - kept.points.count
      guard !kept.points.isEmpty else { return [] }
      return claim.evaluate(kept).map { v in
        var v = v
        if out > 0 { v.observed += "; \(out) of \(results.points.count) runs \(leftOut), reported apart" }
        return v
      }
    }
  }
}
