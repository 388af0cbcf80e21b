import Foundation
import Harness

/// frei2023-benign-overfitting's contrast claim: the nearest-neighbour interpolator overfits harmfully.
///
/// **Why at the largest n, and the mean over seeds** (issue 25's fragile claims). The theory of the 1-nearest-neighbour
/// rule with flipped labels (tempered overfitting) predicts an *expected* loss: while σ is small enough that a fresh
/// point's nearest training point is of its own cluster (σ ≤ 4 here: always), it loses the share of flipped labels among
/// the training points that are nearest neighbours, label_noise = 0.2 in expectation. In high d those are few: the
/// distance ‖x − x_i‖² = ‖ξ‖² + ‖ξ_i‖² − 2⟨ξ, ξ_i⟩ is ruled by the fixed ‖ξ_i‖², so the training points of smallest noise
/// norm are the neighbours of most fresh points ("hubs"; ≈ 10 effective neighbours at n = 16, ≈ 40 at n = 128, a
/// simulation of the preset's mixture), and one run's loss is the flipped share among them: 0.2 ± √(0.2·0.8/10) ≈ 0.13
/// at n = 16, ± 0.06 at n = 128. The former claim, "≥ 0.05 at every run" over 32 runs, was the minimum of such draws
/// (0.068 at σ = 2, n = 32, seed 1; +0.3 seed SDs): a lottery over which hubs were flipped, not a test of the
/// prediction. The prediction is sharpest where the hubs are many, at the largest n (also where gradient flow's claim is
/// judged), and it is about the mean: so the claim is the mean over seeds at the largest n, at every σ, above 0.05 (the
/// same threshold), with the seed spread of a mean (pooled SD/√seeds) as the margin's unit.
extension Frei2023Overfitting {
  /// Bayes − nearest-neighbour accuracy of one run.
  static func nearestNeighbourLoss(_ p: PointResult) -> Double {
    p.scalar("bayes_accuracy") - p.scalar("nearest_neighbour_accuracy")
  }

  /// One row per σ at the largest n: the mean loss over seeds, its sample SD and the number of seeds.
  static func lossesAtLargestN(_ results: Results) -> DerivedTable {
    let n = results.points.map { $0.real("n") }.max()
    return DerivedTable(
      results.points.filter { $0.real("n") == n }, by: ["sigma"],
      columns: [
        ("loss", { Statistics.mean($0.map(nearestNeighbourLoss)) }),
        ("sd", { Statistics.standardDeviation($0.map(nearestNeighbourLoss)) }),
        ("seeds", { Double($0.count) }), ("n", { $0.first?.real("n") ?? .nan }),
      ])
  }

  static let harmfulThreshold = 0.05

  static let harmfulStatement =
    "The nearest-neighbour interpolator, on the same data, loses at least 0.05 of the Bayes accuracy at the largest n, at every σ (mean over seeds)"

  /// The claim, its observed text listing every σ's mean loss (± its seeds' SD) and its seeds.
  static let harmfulAtLargestN = Claim(statement: harmfulStatement, reason: harmfulReason) { results in
    let table = lossesAtLargestN(results)
    let each = table.rows.map { row in
      "σ = \(formatReal(row.real("sigma"))): \(formatNumber(row["loss"])) ± \(formatNumber(row["sd"]))"
    }.joined(separator: ", ")
    let n = table.rows.first.map { formatReal($0["n"]) } ?? "?"
    let seeds = table.rows.first.map { Int($0["seeds"]) } ?? 0
    return harmfulCount(at: "n = \(n), \(seeds) seeds; mean ± SD: " + each).evaluate(results)
  }

  static func harmfulCount(at values: String) -> Claim {
    .derivedCount(
      harmfulStatement,
      reason: harmfulReason,
      table: lossesAtLargestN,
      failing: { !($0["loss"] > harmfulThreshold) }, atMost: 0,
      bound: "mean Bayes − nearest-neighbour accuracy over seeds > 0.05 at every σ (largest n)",
      observed: { failing, total in
        "\(total - failing.count) of \(total) σ values above 0.05 (\(values))"
          + (failing.isEmpty
            ? ""
            : "; at or below: "
              + failing.map { "σ = \(formatReal($0.real("sigma"))): \(formatNumber($0["loss"]))" }.joined(
                separator: ", "))
      },
      valueIs: "σ values at the largest n where the mean loss over seeds is ≤ 0.05",
      margin: { table in
        guard let worst = table.rows.min(by: { !($0["loss"] >= $1["loss"]) }) else { return nil }
        let sds = table.rows.map { $0["sd"] }.filter(\.isFinite)
        let pooled = sds.isEmpty ? Double.nan : (sds.map { $0 * $0 }.reduce(0, +) / Double(sds.count)).squareRoot()
        return Margin(
          statistic: worst["loss"], threshold: harmfulThreshold, spread: pooled / worst["seeds"].squareRoot(),
          passes: .above,
          what:
            "the smallest mean loss over seeds (σ = \(formatReal(worst.real("sigma")))) against 0.05; spread: the pooled seed SD over the σ values at the largest n, over √seeds (a mean's)"
        )
      })
  }

  static let harmfulReason =
    "harmful (tempered) overfitting: a fresh point's nearest training point is one of the few of its cluster with the smallest noise norm (hubs), whose labels are flipped with probability label_noise = 0.2, so it loses ≈ label_noise in expectation (more where σ also mixes the clusters); one run's loss is the flipped share among its hubs (≈ 40 effective at n = 128, ≈ 10 at n = 16), so the mean over seeds at the largest n is the prediction's statistic; 0.05 is the band gradient flow must stay inside"
}
