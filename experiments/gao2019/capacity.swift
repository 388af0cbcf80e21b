import Figures
import Foundation
import Harness
import Numerics

/// Gao et al. (2019), prediction 4: robust interpolation needs more capacity. Per (d, seed), on one data set, the
/// smallest width at which a **witness** exists: a network of that width the strong estimate finds correct on every
/// training point's δ-ball, at each radius of a ladder 0 = δ_0 < δ_1 < … < δ_L. The witness finder
/// (`Gao2019WitnessSearch.swift`) scans the even widths 2, 4, … upward; at each it runs data-aligned starts (units on
/// clusters of each class, or unit pairs along separating directions: `Gao2019WitnessStarts.swift`) and random
/// draws of W(0), each climbing the ladder by adversarial training continued from its fit at the radius below.
///
/// Capacity is existence: a witness at m certifies capacity ≤ m, and every start failing at the widths below is the
/// evidence against them (the share of starts that fit is recorded per width and radius). Monotone in δ by
/// construction (nested balls: a start's network at level j is a witness at every level below) and in m (a
/// 2-homogeneous σ with σ(0) = 0: a witness at m is one at m' > m with zero units added). On two points it finds the
/// width-2 robust interpolator that provably exists, so its n = 2 control shows no gap, as capacity must.
///
/// Datasets per point: arrays `delta_ratios` (the ladder, 0 first), `minimal_width` and `minimal_width_half` (per
/// radius; +∞ beyond the scan; within T and T/2), `searched_widths` (the widths scanned, ascending), `share`,
/// `share_half` and `share_random` (per scanned width, then per radius: the share of all starts that fit within T,
/// within T/2, and of the random draws alone within T); scalars `clean_width`, `robust_width` (at the largest δ),
/// `width_ratio` (their paired ratio), `separation`, `delta`.
public enum Gao2019Capacity: Experiment {
  public static let id = "gao2019-capacity"
  public static let paper = "gao2019"
  public static let reproduces =
    "Prediction 4: robust interpolation needs more width than clean interpolation, more so for larger δ and d"
  public static let summary =
    "Per (d, seed), 20 random points of the sphere in d = 5, 10, 20: the smallest width with a witness (a network the strong attack finds correct on every δ-ball; every even width scanned upward, data-aligned and random starts each) at δ ratios 0, 0.25, 0.5, 0.75, monotone in δ and m by construction."

  public static let parameters: [Parameter] =
    [
      .int("d", "input dimension (swept)", paper: [5, 10, 20], quick: [5, 10], in: 2...100_000),
      .real(
        "delta_ratio", "the largest δ relative to half the separation: δ_L = delta_ratio·separation/2",
        paper: 0.75, quick: 0.75, in: 0...10),
      .int(
        "delta_levels", "L, the radii of the ladder: δ_k = (k/L)·δ_L for k = 1 … L (k = 0: clean)", paper: 3, quick: 2,
        in: 1...100),
      .int(
        "m_max", "the largest width scanned (even; the scan runs over 2, 4, …, m_max and stops at a witness)",
        paper: 32,
        quick: 16,
        in: 2...1_000_000),
      Gao2019.data(paper: .sphere, quick: .sphere),
      Gao2019.points(paper: 20, quick: 12),
      Gao2019.activation(paper: .quadraticRelu, quick: .quadraticRelu),
      Gao2019.initialization,
    ] + Gao2019.descent(projection: .none, learningRate: 10, iterations: 3_000, quick: 1_000) + [
      .int("check_every", "iterations between checks of the fit", paper: 50, quick: 50, in: 1...1_000_000),
      .int(
        "attack_steps", "K, the steps of the training attack (2.5δ/K each, from x_i and each restart)", paper: 10,
        quick: 10, in: 1...100_000),
      .int("attack_restarts", "random starts of the training attack besides x_i", paper: 1, quick: 1, in: 0...10_000),
      .int(
        "aligned_starts", "data-aligned starts per width (alternately units on class clusters and separating pairs)",
        paper: 8, quick: 2, in: 0...1_000),
      .int(
        "initializations", "random draws of W(0) per width, besides the aligned starts (the share is recorded)",
        paper: 4, quick: 1, in: 0...1_000),
      Gao2019.attackRings,
    ] + Gao2019.estimate + [.seeds(paper: 5, quick: 2)]

  /// Data keyed by (d, n, seed): the same at every ladder, width grid, budget and number of draws (so the controls
  /// that change only those are paired with the main run).
  public static let pairedAcross = [
    "delta_ratio", "delta_levels", "m_max", "iterations", "check_every", "lr", "initializations", "aligned_starts",
  ]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    guard p.int("m_max") % 2 == 0 else {
      throw ReproError.badValue(
        "m_max = \(p.int("m_max")) is odd: the widths are even (balanced signs), use an even width")
    }
    guard p.int("aligned_starts") + p.int("initializations") > 0 else {
      throw ReproError.badValue("no starts: set aligned_starts or initializations above 0")
    }
    let data = try Gao2019.data(p, rng: &rng)
    var search = Gao2019.WitnessSearch(p, data: data, rng: rng)
    try search.scan()
    let levels = search.radii.indices
    let full = levels.map { search.minimalWidth(level: $0) }
    let half = levels.map { search.minimalWidth(level: $0, half: true) }
    let searched = search.trials.keys.sorted()
    var r = Record()
    r.set(
      "delta_ratios", levels.map { p.real("delta_ratio") * Double($0) / Double(levels.count - 1) },
      "the ladder of δ ratios, clean (0) first: δ_k/(separation/2)")
    r.set(
      "minimal_width", full,
      "per δ of the ladder: the smallest even width with a witness, a start that fits every δ-ball within T (+∞ when no width up to m_max has one)",
      units: "units", allowing: .infinity)
    r.set(
      "minimal_width_half", half, "the same with fits counted only within T/2 (the budget check)", units: "units",
      allowing: .infinity)
    r.set(
      "searched_widths", searched.map(Double.init),
      "the widths the scan trained, ascending (2, 4, … up to the last needed)",
      units: "units")
    r.set(
      "share", searched.flatMap { m in levels.map { search.trials[m]!.share($0) } },
      "per searched width (outer) and δ of the ladder (inner): the share of all starts (aligned and random) that fit within T"
    )
    r.set(
      "share_half", searched.flatMap { m in levels.map { search.trials[m]!.share($0, half: true) } },
      "the same within T/2")
    r.set(
      "share_random", searched.flatMap { m in levels.map { search.trials[m]!.share($0, kind: .random) } },
      "the same within T for the random draws of W(0) alone (NaN without random draws)", allowing: .nan)
    r.set(
      "clean_width", full[0], "the minimal width of plain training (+∞ beyond the search)", units: "units",
      allowing: .infinity)
    r.set(
      "robust_width", full[full.count - 1], "the minimal width at the largest δ (+∞ beyond the search)",
      units: "units", allowing: .infinity)
    r.set(
      "width_ratio", full[full.count - 1] / full[0],
      "robust_width / clean_width, paired (same data, same starts); +∞ when the robust width is beyond the scan, NaN when both are",
      allowing: [.nan, .infinity])
    r.set(
      "separation", data.separation,
      "the separation of the two classes: the smallest distance between inputs of opposite labels", units: "ℓ2 norm")
    r.set("delta", search.radii.last ?? 0, "the largest δ = delta_ratio · separation / 2", units: "ℓ2 norm")
    return r
  }

  public static let claims: [Claim] = Gao2019.capacityClaims

  public static func figures(_ results: Results) throws -> [Figure] { Gao2019.capacityFigures(results) }
}

extension Gao2019Capacity {
  /// Memory per point, from its shapes: the adversarial training run at the largest width.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Gao2019.capacitySearchMemory(p)
  }

  /// Time per point, from its shapes: the scan's trainings (`Gao2019Cost+Capacity.swift`).
  public static func cost(_ p: Point) -> CostEstimate? { Gao2019.capacitySearchCost(p) }
}
