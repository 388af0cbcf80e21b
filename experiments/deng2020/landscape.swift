import Foundation
import HDF5
import Harness
import Numerics

/// Deng, He, Huang & Su (2020), prediction 2: at a small input scale s the adversary's landscape over the
/// sphere ‖δ‖ = ε = r·s is close to that of a linear model (one maximiser, tangent Hessian −λI); as s grows,
/// PGA restarts end at more distinct local maxima, with more spread in their values, the maxima are worse
/// conditioned, PGA at a step matched to the local smoothness needs more iterations, and one fixed large
/// step that settles at small s cycles at large s.
///
/// Datasets per point (restart arrays in start order): `end_loss`, `iterations`, `converged`, `cluster`
/// (the maximum each restart ended at, −1: none) at the basin-following step `step`;
/// `top_tangent_eigenvalue` and `bottom_tangent_eigenvalue` (largest and smallest eigenvalue of the tangent
/// Hessian at converged end points, in units of ‖∇ℓ‖/ε; NaN where a restart did not converge);
/// `tangent_condition` (their ratio at restarts that ended at a local maximum, else NaN);
/// `matched_iterations`, `matched_converged` (the first `matched_restarts` starts at η = C/(1 + κ));
/// `large_step_converged` (every start at the fixed `large_step`). Scalars: `distinct_maxima` (merged at
/// `merge_cos`), `distinct_maxima_coarse` (merged at `coarse_merge_cos`), `value_spread`, `best_share`,
/// `converged_fraction`, `maximum_fraction`, `iterations_median` (fixed step, converged restarts),
/// `top_/bottom_tangent_eigenvalue_median`, `tangent_condition_median` (medians over the restarts that
/// ended at a local maximum), `curvature_ratio` κ at x, `linear_model_maxima`, `matched_step`,
/// `matched_iterations_median` (a restart that did not converge counts as +∞), `large_step_nonconverged_share`.
///
/// What the fixed-step iteration count shows (a figure, not a claim): it rises up to s = 8 and falls at
/// s = 16. It is set by the slowest direction at the maximum reached, the least negative tangent eigenvalue
/// (−0.98 at s = 0.25, ≈ −0.4 at s = 8, ≈ −0.8 at s = 16), while the most negative one grows steadily
/// (−1.02 → ≈ −12): the s = 16 maxima are not well conditioned again, they are sharper in some directions
/// and no flatter in the slowest; their condition number keeps rising (≈ 1.05 → ≈ 15).
public enum Deng2020Landscape: Experiment {
  public static let id = "deng2020-landscape"
  public static let paper = "deng2020"
  public static let reproduces =
    "Prediction 2: a smaller input scale gives a more regular landscape of the inner maximisation"
  public static let summary =
    "Distinct local maxima found by PGA restarts, the spread of their values, their conditioning, PGA's iterations at a step matched to the local smoothness, and convergence at one fixed large step, against the input scale s; 2-D slices of ℓ with PGA paths."

  public static let parameters: [Parameter] = [
    .real("s", "input scale ‖x‖ (swept)", paper: [0.25, 0.5, 1, 2, 4, 8, 16], quick: [0.25, 1, 4], in: 1e-6...1e6),
    .int("d", "input dimension", paper: 50, quick: 20, in: 2...2_000),
    .int("m", "hidden width", paper: 200, quick: 50, in: 1...100_000),
    .real("r", "ε/s, the attack radius relative to the input scale (fixed)", paper: 0.1, quick: 0.1, in: 1e-6...10),
    .choice("activation", "σ (smooth; ReLU is excluded)", paper: SmoothActivation.tanh, quick: .tanh),
    .int(
      "restarts", "PGA runs per input, from uniform random points of the sphere", paper: 30, quick: 8, in: 1...10_000),
    .choice(
      "rule", "PGA step rule: normalized (step η·ε·∇ℓ/‖∇ℓ‖) or plain (η·∇ℓ)", paper: PGAStepRule.normalized,
      quick: .normalized),
    .real(
      "step", "PGA step η; small, so that restarts follow the ascent flow into their own basin", paper: 0.05,
      quick: 0.05, in: 1e-9...1e6),
    .int("max_iter", "PGA iteration budget", paper: 20_000, quick: 5_000, in: 1...10_000_000),
    .real("tol", "convergence: ‖g‖ ≤ tol·‖∇ℓ‖ on the sphere, λ ≥ 0", paper: 1e-6, quick: 1e-6, in: 1e-15...1),
    .real(
      "so_tol", "second-order test: largest tangent eigenvalue ≤ so_tol·‖∇ℓ‖/ε", paper: 1e-6, quick: 1e-6, in: 0...1),
    .real(
      "merge_cos", "two local maxima are one when the cosine of their end points is at least this", paper: 0.999,
      quick: 0.999, in: 0...1),
    .real(
      "matched_c", "C of the step matched to the local smoothness, η = C/(1 + κ), κ = ε‖∇²f(x)‖₂/‖∇f(x)‖",
      paper: 0.25, quick: 0.25, in: 1e-9...1e3),
    .int(
      "matched_restarts", "restarts (the first of the same starts) run at the matched step", paper: 10, quick: 4,
      in: 1...10_000),
    .real(
      "large_step", "a fixed large PGA step η (fraction of ε), the same at every s: does PGA still converge?",
      paper: 1, quick: 1, in: 1e-9...1e6),
    .int("large_max_iter", "PGA iteration budget at the large step", paper: 2_000, quick: 1_000, in: 1...10_000_000),
    Deng2020.weightScale,
    .real(
      "coarse_merge_cos",
      "robust count: maxima closer than this cosine (0.99: 8°) are one, so near-copies of one maximum never add up",
      paper: 0.99, quick: 0.99, in: 0...1),
    .int("grid", "points per side of the 2-D slice of ℓ (drawn for seed 0)", paper: 61, quick: 21, in: 3...1_001),
    .int("paths", "PGA paths drawn on the slice", paper: 4, quick: 2, in: 0...100),
    .seeds(paper: 5, quick: 2),
  ]

  /// Paired across s; the drawing parameters (grid, paths) and the other measurements do not change the draws either.
  public static let pairedAcross =
    ["s", "grid", "paths", "matched_c", "matched_restarts", "large_step", "large_max_iter", "coarse_merge_cos"]
    + Deng2020.drawsIndependentOf

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (d, s) = (p.int("d"), p.real("s"))
    let net = Deng2020.network(p, rng: &rng)
    let x = rng.onSphere(dimension: d, radius: s)
    let y = rng.rademacher()
    let epsilon = p.real("r") * s
    let loss = AdversarialLoss(network: net, x: x, target: y)
    var pga = ProjectedGradientAscent(
      loss: loss,
      configuration: PGAConfiguration(
        radius: epsilon, step: p.real("step"), rule: p.choice("rule"), maxIterations: p.int("max_iter"),
        tolerance: p.real("tol")))
    let starts = Deng2020.starts(p.int("restarts"), dimension: d, radius: epsilon, rng: rng)

    // Every restart to its end point; the local maxima among them, merged by the cosine of their end points.
    var ends: [[Double]] = []
    var values: [Double] = []
    var iterations: [Double] = []
    var converged: [Double] = []
    var isMaximum: [Bool] = []
    var topEigenvalue: [Double] = []
    var bottomEigenvalue: [Double] = []
    var condition: [Double] = []
    for start in starts {
      let out = pga.run(from: start)
      let test = try pga.secondOrderTest(at: out.delta, tolerance: p.real("so_tol"))
      ends.append(out.delta)
      values.append(out.loss)
      iterations.append(Double(out.iterations))
      converged.append(out.converged ? 1 : 0)
      isMaximum.append(out.converged && test.passes)
      topEigenvalue.append(out.converged ? test.relativeLargestEigenvalue : .nan)
      bottomEigenvalue.append(out.converged ? test.relativeSmallestEigenvalue : .nan)
      condition.append(out.converged && test.passes ? test.tangentConditionNumber : .nan)
    }
    let clusters = cluster(ends, where: isMaximum, mergeCosine: p.real("merge_cos"))
    let maxima = clusters.representatives
    let maximumValues = maxima.map { values[$0] }

    var r = Record()
    r.set("end_loss", values, "per restart: the adversarial loss ℓ(δ) = ½(f(x + δ) − y)² where PGA ended")
    r.set(
      "iterations", iterations.map { Int($0) }, "per restart: PGA iterations run (max_iter when it did not converge)")
    r.set("converged", converged.map { Int($0) }, "per restart: 1 if PGA met the tolerance within max_iter, else 0")
    r.set(
      "cluster", clusters.label,
      "per restart: the index of the distinct local maximum it ended at (merged at cosine ≥ merge_cos), −1 if none")
    r.set(
      "top_tangent_eigenvalue", topEigenvalue,
      "per restart: the largest tangent eigenvalue at the end, in units of ‖∇ℓ‖/ε (NaN if PGA did not converge)",
      allowing: .nan)
    r.set(
      "bottom_tangent_eigenvalue", bottomEigenvalue,
      "per restart: the smallest tangent eigenvalue at the end, in units of ‖∇ℓ‖/ε (NaN if PGA did not converge)",
      allowing: .nan)
    r.set(
      "tangent_condition", condition,
      "per restart: the condition number of the tangent Hessian at the maximum (NaN unless it ended at a local maximum)",
      allowing: .nan
    )
    r.set("maximum_values", maximumValues, "per distinct local maximum: its loss ℓ")
    let top = maximumValues.max() ?? .nan
    r.count(
      "distinct_maxima", maxima.count, "distinct local maxima found by the restarts (merged at cosine ≥ merge_cos)")
    r.count(
      "distinct_maxima_coarse",
      cluster(ends, where: isMaximum, mergeCosine: p.real("coarse_merge_cos")).representatives.count,
      "the same count merged at the coarser cosine coarse_merge_cos")
    r.set(
      "value_spread", maxima.isEmpty ? .nan : (top - maximumValues.min()!) / top,
      "(largest − smallest maximum value) / largest (NaN when no maximum was found)", allowing: .nan)
    r.set(
      "best_share",
      Double(values.indices.filter { isMaximum[$0] && values[$0] >= top * (1 - 1e-9) }.count) / Double(values.count),
      "the share of restarts that ended at the best maximum found")
    r.set("converged_fraction", Statistics.mean(converged), "the share of restarts that converged")
    r.set(
      "maximum_fraction", Double(isMaximum.filter { $0 }.count) / Double(isMaximum.count),
      "the share of restarts that converged to a point passing the second-order test")
    r.set(
      "iterations_median", Statistics.median(iterations.indices.filter { converged[$0] == 1 }.map { iterations[$0] }),
      "the median iterations of the converged restarts only (NaN if none converged)", units: "iterations",
      allowing: .nan)
    // Summaries over the restarts that ended at a local maximum (the others have no tangent spectrum that
    // describes a maximum; they are left out on purpose, and the share of them is `maximum_fraction`).
    let atMaxima = values.indices.filter { isMaximum[$0] }
    r.set(
      "top_tangent_eigenvalue_median", Statistics.median(atMaxima.map { topEigenvalue[$0] }),
      "median of top_tangent_eigenvalue over the restarts that ended at a local maximum (NaN if none)", allowing: .nan)
    r.set(
      "bottom_tangent_eigenvalue_median", Statistics.median(atMaxima.map { bottomEigenvalue[$0] }),
      "median of bottom_tangent_eigenvalue over the restarts that ended at a local maximum (NaN if none)",
      allowing: .nan)
    r.set(
      "tangent_condition_median", Statistics.median(atMaxima.map { condition[$0] }),
      "median of tangent_condition over the restarts that ended at a local maximum (NaN if none)", allowing: .nan)
    r.set("epsilon", epsilon, "the attack radius ε = r·s", units: "ℓ2 norm, input units")

    // How far from linear f is over the ball: the linear model's count (1 when |f − y| > ε‖∇f‖, else the
    // two poles), and κ = ε‖∇²f(x)‖₂/‖∇f(x)‖.
    let gradient = net.inputGradient(x)
    let residual = net(x) - y
    r.count(
      "linear_model_maxima", abs(residual) > epsilon * norm(gradient) ? 1 : 2,
      "local maxima of the loss of the linearised f on the sphere: 1 when |f(x) − y| > ε‖∇f(x)‖, else 2 (the poles)")
    let curvature = try SymmetricEigen(net.inputHessian(x))
    let kappa = epsilon * max(abs(curvature.smallest), abs(curvature.largest)) / norm(gradient)
    r.set("curvature_ratio", kappa, "κ = ε‖∇²f(x)‖₂ / ‖∇f(x)‖: how far from linear f is over the ball")
    // A saturated network (σ' underflows at huge s) has no gradient at x: κ, and the step matched to it, are
    // undefined; that is a point outside the setting, not a result.
    guard kappa.isFinite, p.real("matched_c") / (1 + kappa) > 0 else {
      throw ReproError.failed(
        "at s = \(formatNumber(p.real("s"))) the network is saturated at x (‖∇f(x)‖ = \(formatNumber(norm(gradient)))), so the curvature ratio κ = \(formatNumber(kappa)) and the step matched to it are undefined; use a smaller --set s (the paper preset stops at 16)"
      )
    }

    // PGA at a step matched to the local smoothness, η = C/(1 + κ): the first restarts again. A restart
    // that does not converge within the budget counts as taking more than the budget (+∞ in the median).
    let matchedStep = p.real("matched_c") / (1 + kappa)
    var matched = ProjectedGradientAscent(
      loss: loss,
      configuration: PGAConfiguration(
        radius: epsilon, step: matchedStep, rule: .normalized, maxIterations: p.int("max_iter"),
        tolerance: p.real("tol")))
    var matchedIterations: [Double] = []
    var matchedConverged: [Double] = []
    for start in starts.prefix(p.int("matched_restarts")) {
      let out = matched.run(from: start)
      matchedIterations.append(Double(out.iterations))
      matchedConverged.append(out.converged ? 1 : 0)
    }
    r.set(
      "matched_iterations", matchedIterations.map { Int($0) },
      "per matched restart: PGA iterations at the step η = matched_c/(1 + κ) (max_iter when it did not converge)")
    r.set(
      "matched_converged", matchedConverged.map { Int($0) },
      "per matched restart: 1 if it converged within max_iter, else 0")
    r.set("matched_step", matchedStep, "the step η = matched_c / (1 + κ), matched to the local smoothness")
    r.set(
      "matched_iterations_median", Deng2020.censoredMedian(matchedIterations, converged: matchedConverged),
      "the median of matched_iterations, a restart that did not converge counting as +∞", units: "iterations",
      allowing: .infinity)

    // PGA at one fixed large step at every s, from every start: the share of restarts that do not converge.
    var large = ProjectedGradientAscent(
      loss: loss,
      configuration: PGAConfiguration(
        radius: epsilon, step: p.real("large_step"), rule: .normalized, maxIterations: p.int("large_max_iter"),
        tolerance: p.real("tol")))
    let largeConverged = starts.map { large.run(from: $0).converged ? 1.0 : 0.0 }
    r.set(
      "large_step_converged", largeConverged.map { Int($0) },
      "per restart: 1 if PGA at the fixed step large_step converged within large_max_iter, else 0")
    r.set(
      "large_step_nonconverged_share", 1 - Statistics.mean(largeConverged),
      "the share of restarts that did not converge at the fixed large step")

    if p.seed == 0 {
      try drawSlice(
        p, loss: loss, pga: &pga, starts: starts, ends: ends, clusters: clusters, values: values,
        gradient: gradient, epsilon: epsilon, rng: &rng, into: &r)
    }
    return r
  }

  /// Greedy merging: each local maximum joins the first earlier maximum whose end point has cosine ≥ the
  /// threshold with its own, else starts a new one. `label[k]` is the maximum restart k ended at (−1: none).
  static func cluster(_ ends: [[Double]], where keep: [Bool], mergeCosine: Double) -> (
    label: [Int], representatives: [Int]
  ) {
    var label = [Int](repeating: -1, count: ends.count)
    var representatives: [Int] = []
    for k in ends.indices where keep[k] {
      let u = normalized(ends[k])
      if let c = representatives.firstIndex(where: { dot(normalized(ends[$0]), u) >= mergeCosine }) {
        label[k] = c
      } else {
        label[k] = representatives.count
        representatives.append(k)
      }
    }
    return (label, representatives)
  }

  /// ℓ on a plane through the centre of the ball that contains the local maxima found, so that the slice
  /// shows the landscape's modes where they are: u₁ = the best maximum's direction, u₂ ⊥ u₁ in the plane of
  /// the best maximum and the one farthest from it in angle; with a single maximum (or all within 3° of the
  /// best), u₂ comes from ∇f(x), or a random direction when ∇f is along u₁. The grid covers every cell that
  /// meets the disk (a figure clips it to the circle); PGA paths (projected) of restarts that ended at a
  /// maximum on the plane; every maximum projected, with its distance from the plane.
  ///
  /// Records `slice_loss` (grid × grid, ℓ at ε·(a·u₁ + b·u₂), NaN on cells that miss the disk),
  /// `slice_coordinate` (a, b), `maxima_u`, `maxima_v` (each distinct maximum's coordinates / ε),
  /// `maxima_off_plane` (its distance from the plane / ε), `maxima_value` (ℓ there), `path<k>_u`, `_v`, and
  /// the note `slice_u2` (`second maximum`, `gradient` or `random`: where u₂ came from).
  static func drawSlice(
    _ p: Point, loss: AdversarialLoss, pga: inout ProjectedGradientAscent, starts: [[Double]], ends: [[Double]],
    clusters: (label: [Int], representatives: [Int]), values: [Double], gradient: [Double], epsilon: Double,
    rng: inout RandomSource, into r: inout Record
  ) throws {
    let d = gradient.count
    let maxima = clusters.representatives.sorted { values[$0] > values[$1] }
    func orthogonal(_ v: [Double], to u: [Double]) -> [Double] {
      var w = v
      axpy(-dot(v, u), u, &w)
      return w
    }
    let u1 = maxima.first.map { normalized(ends[$0]) } ?? normalized(gradient)
    // The maximum farthest in angle from the best one (smallest cosine), if it is more than 3° away.
    let farthest = maxima.dropFirst().min { dot(normalized(ends[$0]), u1) < dot(normalized(ends[$1]), u1) }
    var u2: [Double]
    let source: String
    if let farthest, dot(normalized(ends[farthest]), u1) < cos(3 * Double.pi / 180) {
      u2 = normalized(orthogonal(ends[farthest], to: u1))
      source = "second maximum"
    } else if norm(orthogonal(normalized(gradient), to: u1)) > 0.05 {
      u2 = normalized(orthogonal(normalized(gradient), to: u1))
      source = "gradient"
    } else {
      u2 = normalized(orthogonal(rng.onSphere(dimension: d, radius: 1), to: u1))
      source = "random"
    }
    r.note("slice_u2", source)
    let g = p.int("grid")
    let coordinates = (0..<g).map { -1 + 2 * Double($0) / Double(g - 1) }
    // A cell meets the unit disk when its centre is within half a diagonal of it.
    let reach = 1 + (2 / Double(g - 1)) * 0.5.squareRoot()
    var l = loss
    var slice = [Double](repeating: .nan, count: g * g)
    var delta = [Double](repeating: 0, count: d)
    for (i, b) in coordinates.enumerated() {
      for (j, a) in coordinates.enumerated() where a * a + b * b <= reach * reach {
        for k in 0..<d { delta[k] = epsilon * (a * u1[k] + b * u2[k]) }
        slice[i * g + j] = l.value(at: delta)
      }
    }
    // NaN is declared for the cells that miss the disk only: a non-finite loss on the disk is arithmetic that
    // broke down (the activation overflows at this ε), not a value of the landscape.
    let onDisk = coordinates.indices.flatMap { i in
      coordinates.indices.compactMap { j in
        coordinates[j] * coordinates[j] + coordinates[i] * coordinates[i] <= reach * reach ? slice[i * g + j] : nil
      }
    }
    let broken = onDisk.filter { !$0.isFinite }.count
    if broken > 0 {
      throw ReproError.failed(
        "'slice_loss' holds \(broken) non-finite value(s) on the \(onDisk.count) cells of the disk, where ℓ is finite: the loss overflows at ε = \(formatNumber(epsilon)) with this activation; lower s or r"
      )
    }
    r.set(
      "slice_loss", NDArray(shape: [g, g], values: slice),
      "ℓ(ε(a·u₁ + b·u₂)) on a grid × grid slice through the centre: row b, column a (both slice_coordinate); u₁ along the best maximum, u₂ ⊥ u₁ from the note slice_u2; NaN on cells that miss the disk",
      allowing: .nan
    )
    r.set("slice_coordinate", coordinates, "the grid coordinates a and b of slice_loss", units: "ε")
    r.set(
      "maxima_u", maxima.map { dot(ends[$0], u1) / epsilon },
      "per distinct maximum, best first: its coordinate along u₁", units: "ε")
    r.set(
      "maxima_v", maxima.map { dot(ends[$0], u2) / epsilon },
      "per distinct maximum, best first: its coordinate along u₂", units: "ε")
    r.set(
      "maxima_off_plane",
      maxima.map { k in
        var w = orthogonal(ends[k], to: u1)
        w = orthogonal(w, to: u2)
        return norm(w) / epsilon
      }, "per distinct maximum, best first: its distance from the plane of the slice", units: "ε")
    r.set("maxima_value", maxima.map { values[$0] }, "per distinct maximum, best first: the loss ℓ there")

    // Paths: the first restart into each maximum on the plane (best first), then other restarts that ended
    // at one of them (a path into a maximum off the plane would end inside the disk, projected).
    let onPlane = [maxima.first, source == "second maximum" ? farthest : nil].compactMap { $0 }
    var chosen = Array(onPlane.prefix(p.int("paths")))
    let planeClusters = Set(onPlane.map { clusters.label[$0] })
    for k in starts.indices where chosen.count < p.int("paths") && !chosen.contains(k) {
      if planeClusters.contains(clusters.label[k]) { chosen.append(k) }
    }
    for (n, k) in chosen.enumerated() {
      var us: [Double] = []
      var vs: [Double] = []
      _ = pga.run(from: starts[k]) { _, delta in
        us.append(dot(delta, u1) / epsilon)
        vs.append(dot(delta, u2) / epsilon)
      }
      r.set(
        "path\(n)_u", us, "PGA path \(n) (restart \(k + 1)), iterate by iterate: its coordinate along u₁", units: "ε")
      r.set(
        "path\(n)_v", vs, "PGA path \(n) (restart \(k + 1)), iterate by iterate: its coordinate along u₂", units: "ε")
    }
  }

  /// The points at the smallest input scale of the results.
  static func atSmallestScale(_ results: Results) -> [PointResult] {
    guard let s = Deng2020.scales(results).min() else { return [] }
    return results.points.filter { $0.real("s") == s }
  }

  /// The control shared by the claims that some effect of σ's curvature grows with s.
  static let linearRegime = (
    "the same networks with σ_w = 0.001: pre-activations |w_r·x| ≈ 0.001·s stay in tanh's linear range at every s, so f is a linear model over every ball (one maximum, tangent Hessian −λI, κ ≈ 0) and nothing that comes from curvature can grow with s",
    ["weight_scale=0.001"]
  )

  public static let claims: [Claim] = [
    Claim(
      statement: "At the smallest input scale the landscape has one local maximum",
      reason:
        "for small s, f is nearly linear over the ball and |f(x) − y| > ε‖∇f‖, where a linear model has a single maximiser; every seed"
    ) { results in
      let points = atSmallestScale(results)
      guard !points.isEmpty else { return [] }
      let counts = points.map { $0.scalar("distinct_maxima") }
      let ones = counts.filter { $0 == 1 }.count
      return [
        Verdict(
          statement:
            "At the smallest input scale the landscape has one local maximum (s = \(formatReal(points[0].real("s"))))",
          bound: "distinct maxima = 1 at every seed",
          observed:
            "\(ones) of \(counts.count) seeds (counts \(counts.map { formatNumber($0) }.joined(separator: ", ")))",
          value: Double(ones) / Double(counts.count), meaning: "the share of seeds with exactly one distinct maximum",
          holds: ones == counts.count)
      ]
    }.control(
      "the same sweep at s = 16 only: tanh saturates (|w_r·x| ~ 16) and restarts end at many maxima, so the smallest s of the run must not show a single one",
      set: ["s=16"]),
    .growth(
      "The number of distinct local maxima grows with s, to more than a linear model can have",
      reason:
        "κ = ε‖∇²f‖/‖∇f‖ grows with s; a linear model has at most 2 maxima on the sphere (the poles along ∇f, both only when |f − y| < ε‖∇f‖), so growth by 3× from 1 is σ's curvature; counted robustly (maxima within 8° are one)",
      of: { $0.scalar("distinct_maxima_coarse") }, along: "s", byAtLeast: 3
    ).control(linearRegime.0, set: linearRegime.1),
    .growth(
      "The relative spread of the local maxima's values grows with s",
      reason: "one maximum has no spread; distinct maxima of a less regular landscape differ in value",
      of: { $0.scalar("value_spread") }, along: "s"
    ).control(linearRegime.0, set: linearRegime.1),
    .growth(
      "The local maxima are worse conditioned as s grows: the tangent Hessian's eigenvalue ratio rises at least 2×",
      reason:
        "at a maximum the tangent Hessian is −λI + (f − y)·P∇²fP: condition number 1 for a linear model, 1 + O(κ) in general, and κ(x) passes 1 within the sweep; median over the restarts that ended at a local maximum, then over seeds",
      of: { $0.scalar("tangent_condition_median") }, along: "s", byAtLeast: 2
    ).control(linearRegime.0, set: linearRegime.1),
    .growth(
      "At a step matched to the local smoothness, η = C/(1 + κ), PGA needs at least 2× more iterations at the largest s",
      reason:
        "the theorem's iteration bound grows with the smoothness constant in units of the step; with η ∝ 1/(1 + κ) and 1 + κ ≥ 2 at the end of the sweep the count must at least double (part of the growth is the smaller step itself, as the theory prescribes); a restart that does not converge counts as +∞",
      of: { $0.scalar("matched_iterations_median") }, along: "s", byAtLeast: 2
    ).control(linearRegime.0, set: linearRegime.1),
    .growth(
      "At one fixed large step (η = ε), the share of restarts that fail to converge grows with s",
      reason:
        "the largest step PGA can take and still settle shrinks as the tangent curvature at the maxima grows (most negative tangent eigenvalue −1 at small s, ≈ −12 at s = 16 in units of ‖∇ℓ‖/ε): a step stable on a near-linear landscape cycles on a curved one",
      of: { $0.scalar("large_step_nonconverged_share") }, along: "s"
    ).control(linearRegime.0, set: linearRegime.1),
  ]

  public static func figures(_ results: Results) throws -> [Figure] {
    let scales = Deng2020.scales(results)
    let seeds = results.levels("seed").count
    /// Median over seeds at each s, bars: quartiles over seeds.
    func summary(_ name: String, _ label: String, style: Series.Style = .linesPoints, color: Int? = nil) -> Series {
      .median(
        label, x: scales,
        samples: scales.map { s in results.points.filter { $0.real("s") == s }.map { $0.scalar(name) } },
        over: "\(seeds) seeds", style: style, color: color, marker: color)
    }
    func parameter(_ name: String) -> Double { Deng2020.parameter(results, name) }
    func degrees(_ cosine: Double) -> String { "\(formatNumber((acos(cosine) * 180 / .pi * 10).rounded() / 10))°" }
    let sRange = (scales.min() ?? 0.1)...(scales.max() ?? 10)
    func first(_ series: Series) -> Double { series.y.first ?? .nan }
    /// The growth claims' bar: `factor` × the median at the smallest s, in the series' colour.
    func claimLine(_ series: Series, _ factor: Double, color: Int, _ what: String) -> Series {
      .reference(
        factor == 1
          ? "claim: \(what) above this (its value at the smallest s) at the largest s, never falling"
          : "claim: \(what) at least \(formatNumber(factor)) × its value at the smallest s, at the largest s",
        over: sRange, log: true, color: color
      ) { _ in factor * first(series) }
    }
    let restarts = parameter("restarts")
    let coarse = summary(
      "distinct_maxima_coarse",
      "maxima closer than \(degrees(parameter("coarse_merge_cos"))) merged (the claim's count)",
      color: 0)
    var fine = summary(
      "distinct_maxima", "maxima closer than \(degrees(parameter("merge_cos"))) merged", style: .points, color: 1)
    fine.marker = 6
    var linear = summary("linear_model_maxima", "linear model f(x) + ∇f(x)·δ", style: .points, color: 2)
    (linear.low, linear.high) = (nil, nil)
    linear.label = "maxima of the linear model f(x) + ∇f(x)·δ (median over seeds)"
    let smallest = atSmallestScale(results)
    let ones = smallest.filter { $0.scalar("distinct_maxima") == 1 }.count
    let spread = summary("value_spread", "relative spread of the maxima's values", color: 0)
    let condition = summary("tangent_condition_median", "condition number at the local maxima", color: 0)
    let matched = summary(
      "matched_iterations_median", "step η = C/(1 + κ) matched to the local smoothness (the claim)", color: 0)
    let fixed = summary(
      "iterations_median", "fixed step η = \(formatNumber(parameter("step"))) (descriptive)", color: 1)
    let top = summary("top_tangent_eigenvalue_median", "least negative (slowest direction)", color: 0)
    let bottom = summary("bottom_tangent_eigenvalue_median", "most negative (sharpest direction)", color: 1)
    let large = summary("large_step_nonconverged_share", "share of restarts not converged", color: 0)
    let curvature = summary("curvature_ratio", "κ at the clean input", color: 0)
    var figures = [
      Figure(
        name: "distinct-maxima-vs-s",
        title: "Distinct local maxima found by \(formatNumber(restarts)) PGA restarts per input",
        xLabel: "input scale s = ‖x‖", yLabel: "distinct local maxima", logX: true, logY: true,
        series: [fine, linear, coarse],
        references: [
          claimLine(coarse, 3, color: 0, "the count"),
          .reference("all restarts at different maxima (the most countable)", over: sRange, log: true) { _ in
            restarts
          },
        ], xTicks: scales, legend: .below,
        notes: smallest.first.map { p in
          [Note(x: p.real("s"), y: 1, "\(ones) of \(smallest.count) seeds at 1 (claim: all)", color: 1, align: .left)]
        } ?? [],
        caption:
          "The claim's count (blue) stays at one maximum up to moderate s and must reach the blue dashed line, three times its value at the smallest s, at the largest s; a linear model (green) has at most two."
      ),
      Figure(
        name: "value-spread-vs-s", title: "Relative spread of the local maxima's values, (max − min)/max",
        xLabel: "input scale s = ‖x‖", yLabel: "relative spread of ℓ at the local maxima (1 = 100%)", logX: true,
        series: [spread], references: [claimLine(spread, 1, color: 0, "the spread")], xTicks: scales,
        legend: .below,
        caption:
          "With one maximum the spread is 0; it must end above its value at the smallest s (the dashed line) and never fall along s."
      ),
      Figure(
        name: "tangent-condition-vs-s",
        title: "Conditioning at the local maxima: most / least negative eigenvalue of the tangent Hessian P(∇²ℓ − λI)P",
        xLabel: "input scale s = ‖x‖", yLabel: "condition number (dimensionless)", logX: true, logY: true,
        series: [condition],
        references: [
          claimLine(condition, 2, color: 0, "the condition number"),
          .reference("1: linear model (tangent Hessian −λI)", over: sRange, log: true) { _ in 1 },
        ], xTicks: scales, legend: .below,
        caption:
          "The condition number starts at the linear model's 1 and must end above the dashed line, twice its value at the smallest s: the maxima get worse conditioned as s grows."
      ),
      Figure(
        name: "tangent-eigenvalues-vs-s",
        title: "Tangent Hessian at the local maxima: its extreme eigenvalues in units of the sphere's curvature ‖∇ℓ‖/ε",
        xLabel: "input scale s = ‖x‖", yLabel: "tangent eigenvalue · ε/‖∇ℓ‖ (dimensionless)", logX: true,
        series: [top, bottom],
        references: [.reference("−1: linear model", over: sRange, log: true) { _ in -1 }], xTicks: scales,
        legend: .below,
        caption:
          "Descriptive, no claim: the sharpest direction (orange) steepens steadily with s while the slowest (blue) flattens and recovers, which is what sets the fixed-step iteration counts."
      ),
      Figure(
        name: "iterations-vs-s",
        title:
          "PGA iterations to converge (median over restarts, a restart that does not converge counts as +∞), then over seeds",
        xLabel: "input scale s = ‖x‖", yLabel: "PGA iterations", logX: true, logY: true, series: [matched, fixed],
        references: [claimLine(matched, 2, color: 0, "the matched-step count")], xTicks: scales, legend: .below,
        caption:
          "At the step matched to the local smoothness (blue) the count must end above the blue dashed line, twice its value at the smallest s; the fixed step (orange) is shown for comparison only."
      ),
      Figure(
        name: "large-step-vs-s",
        title:
          "Share of restarts that do not converge at one fixed large step η = \(formatNumber(parameter("large_step"))) (a fraction of ε)",
        xLabel: "input scale s = ‖x‖", yLabel: "share of restarts not converged (1 = all)", logX: true,
        series: [large], references: [claimLine(large, 1, color: 0, "the share")], xTicks: scales, legend: .below,
        yRange: -0.05...1.05,
        caption:
          "A step that settles on the near-linear landscape of small s fails more often as s grows: the share must end above its value at the smallest s (dashed) and never fall."
      ),
      Figure(
        name: "curvature-vs-s", title: "Nonlinearity of f over the ball: κ = ε‖∇²f(x)‖₂/‖∇f(x)‖ at the clean input x",
        xLabel: "input scale s = ‖x‖", yLabel: "κ (dimensionless)", logX: true, logY: true, series: [curvature],
        references: [
          .reference("κ = 1: curvature as large as the slope over the ball", over: sRange, log: true) { _ in 1 }
        ], xTicks: scales, legend: .below,
        caption:
          "Descriptive, no claim: κ grows with s and passes 1 inside the sweep, where the landscape stops looking linear."
      ),
    ]
    if let slices = slices(results, scales: scales) { figures.append(slices) }
    return figures
  }

  /// One panel per input scale (seed 0): ℓ on the plane through the centre and the best and the farthest
  /// maxima found, rescaled per panel to [0, 1] over the disk, clipped to the sphere; the maxima on the
  /// plane, the others projected onto it, and PGA paths.
  static func slices(_ results: Results, scales: [Double]) -> Figure? {
    var panels: [Figure] = []
    let circle = Series(
      label: "sphere ‖δ‖ = ε", x: (0...128).map { cos(2 * Double.pi * Double($0) / 128) },
      y: (0...128).map { sin(2 * Double.pi * Double($0) / 128) }, style: .dashed, color: 6)
    for s in scales {
      guard let p = results.points.first(where: { $0.real("s") == s && $0.real("seed") == 0 }),
        let slice = p.arrays["slice_loss"], slice.rank == 2
      else { continue }
      let c = p.array("slice_coordinate")
      let g = slice.shape[0]
      // Rescaled by the values at cells whose centre lies in the disk.
      var inside: [Double] = []
      for i in 0..<g {
        for j in 0..<g where c[i] * c[i] + c[j] * c[j] <= 1 && slice.values[i * g + j].isFinite {
          inside.append(slice.values[i * g + j])
        }
      }
      // 0 at the median over the disk (the lower half is the darkest colour), 1 at the maximum: the colours
      // spend their range on the upper half of ℓ, where the maxima and the valleys between them are.
      let (low, high) = (Statistics.median(inside), inside.max() ?? 1)
      let span = high > low ? high - low : 1
      let z = (0..<g).map { i in (0..<g).map { j in (slice.values[i * g + j] - low) / span } }
      var series = [circle]
      var k = 0
      while let u = p.arrays["path\(k)_u"]?.values, let v = p.arrays["path\(k)_v"]?.values {
        series.append(
          Series(
            label: k == 0 ? "PGA paths into those maxima (projected)" : "", x: u, y: v, style: .lines, color: 5))
        k += 1
      }
      let (mu, mv, off) = (p.array("maxima_u"), p.array("maxima_v"), p.array("maxima_off_plane"))
      let on = mu.indices.filter { $0 < off.count && off[$0] < 0.05 }
      series.append(
        Series(
          label: "local maxima found that lie on this plane", x: on.map { mu[$0] }, y: on.map { mv[$0] },
          style: .points, color: 1,
          marker: 0))
      let u2 = p.notes["slice_u2"] ?? "?"
      let how = u2 == "second maximum" ? "" : u2 == "gradient" ? "; u₂ from ∇f" : "; u₂ random"
      var panel = Figure(
        name: "s\(formatReal(s))",
        title: mu.count == 1
          ? "\(Deng2020.label(s)): 1 maximum\(how)"
          : "\(Deng2020.label(s)): \(mu.count) maxima, \(on.count) on the plane\(how)",
        xLabel: "δ·u_{1} / ε", yLabel: "δ·u_{2} / ε", series: series,
        heatMap: HeatMap(
          x: c, y: c, z: z, label: "ℓ per panel: 0 = median on the disk, 1 = max", zRange: 0...1,
          disk: 1), legend: s == scales.last ? "top left" : .off, xRange: -1.08...1.08, yRange: -1.08...1.08)
      panel.equalAxes = true
      panels.append(panel)
    }
    guard !panels.isEmpty else { return nil }
    return Figure.smallMultiples(
      name: "slices-vs-s",
      title:
        "ℓ(δ) = ½(f(x + δ) − y)² on the ball ‖δ‖ ≤ ε = \(formatNumber(scales.isEmpty ? .nan : results.points[0].real("r")))·s, seed 0, on the plane through its centre and the maxima PGA found: u₁ = the best maximum's direction, u₂ ⊥ u₁ in the plane of the best and the farthest other maximum (of ∇f(x) when there is only one)",
      panels: panels, columns: 4,
      caption:
        "At small s the disk is brightest at a single point of the circle, the one maximum; at the largest s the plane through two of the maxima found shows two bright peaks on the circle with a darker valley between them, and the other maxima lie off the plane: the multi-modality the distinct-maxima claim counts."
    )
  }
}

extension Deng2020Landscape {
  /// Memory per point, from its shapes: the restarts, the slice and the paths drawn on it.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Deng2020.memory(
      p, vectors: 3 * p.int("restarts") + 2 * p.int("matched_restarts"),
      extra: Double(p.int("grid") * p.int("grid") + 4 * p.int("paths") * p.int("max_iter")))
  }
}
