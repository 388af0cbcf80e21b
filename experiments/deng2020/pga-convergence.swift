import Figures
import Foundation
import Harness
import Numerics

/// Deng, He, Huang & Su (2020), main result and prediction 1: projected gradient ascent on the adversarial
/// quadratic loss ℓ(δ) = ½(f(x + δ) − y)² of a smooth two-layer network over the ball ‖δ‖ ≤ ε = r·s finds a
/// local maximum: the Riemannian gradient falls below a tolerance within a modest number of iterations,
/// and the second-order test holds at the end point.
public enum Deng2020PGAConvergence: Experiment {
  public static let id = "deng2020-pga-convergence"
  public static let paper = "deng2020"
  public static let reproduces =
    "Main result / prediction 1: PGA finds a local maximum of the non-concave inner maximisation in few iterations"
  public static let summary =
    "From random points of the sphere, PGA drives ‖g‖/‖∇ℓ‖ below the tolerance; every converged end point passes the second-order test (λ ≥ 0, tangent Hessian ⪯ 0)."

  public static let parameters: [Parameter] =
    Deng2020.inputAndNetwork
    + Deng2020.restartedPGA(
      restarts: (paper: 10, quick: 4), step: (paper: 0.25, quick: 0.25),
      stepMeaning: "PGA step η (a fraction of ε under the normalized rule)", maxIterations: (paper: 2_000, quick: 500))
    + [Deng2020.weightScale, .seeds(paper: 5, quick: 2)]

  /// The same network, input direction, label and restart directions at every s of a seed.
  public static let pairedAcross = ["s"] + Deng2020.drawsIndependentOf

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let (net, x, y, epsilon) = Deng2020.attackedInput(p, rng: &rng)
    let soTolerance = p.real("so_tol")
    var pga = Deng2020.pga(p, AdversarialLoss(network: net, x: x, target: y), radius: epsilon)

    var r = Record()
    var iterations: [Double] = []
    var converged: [Double] = []
    var endLoss: [Double] = []
    var multiplier: [Double] = []
    var relativeGradient: [Double] = []
    var topEigenvalue: [Double] = []
    var secondOrder: [Double] = []
    for (k, start) in Deng2020.starts(p.int("restarts"), dimension: x.count, radius: epsilon, rng: rng).enumerated() {
      let out = pga.run(from: start, trace: k == 0)
      let test = try pga.secondOrderTest(at: out.delta, tolerance: soTolerance)
      iterations.append(Double(out.iterations))
      converged.append(out.converged ? 1 : 0)
      endLoss.append(out.loss)
      multiplier.append(out.multiplier)
      relativeGradient.append(out.relativeGradientNorm)
      topEigenvalue.append(test.relativeLargestEigenvalue)
      secondOrder.append(out.converged ? (test.passes ? 1 : 0) : .nan)
      if let trace = out.trace {
        r.set(
          "trace_iteration", Array(0..<trace.loss.count),
          "the iteration axis of every trace_* (the first restart's PGA run): t = 0, 1, …")
        r.set("trace_loss", trace.loss, "at each PGA iteration: the adversarial loss ℓ(δ_t) = ½(f(x + δ_t) − y)²")
        r.set(
          "trace_gradient_norm", trace.gradientNorm,
          "at each PGA iteration: ‖g_t‖, the Riemannian gradient (I − δδᵀ/‖δ‖²)∇ℓ on the sphere, ∇ℓ inside the ball")
        r.set(
          "trace_relative_gradient_norm", trace.relativeGradientNorm,
          "at each PGA iteration: ‖g_t‖ / ‖∇ℓ(δ_t)‖, the quantity the tolerance tol bounds")
        r.set(
          "trace_multiplier", trace.multiplier,
          "at each PGA iteration: λ_t = δ_t·∇ℓ / ε² on the sphere (0 inside): ≥ 0 at a boundary maximum")
      }
    }
    r.set(
      "iterations", iterations.map { Int($0) },
      "per restart: PGA iterations run (max_iter when the tolerance was not met)")
    r.set(
      "converged", converged.map { Int($0) },
      "per restart: 1 if the relative Riemannian gradient fell below tol within max_iter, else 0")
    r.set(
      "end_loss", endLoss, "per restart: the adversarial loss ℓ(δ) at the end (NaN if it became non-finite)",
      allowing: .nan)
    r.set("multiplier", multiplier, "per restart: λ = δ·∇ℓ / ε² at the end (≥ 0 at a boundary maximum)")
    r.set("relative_gradient_norm", relativeGradient, "per restart: ‖g‖ / ‖∇ℓ‖ at the end")
    r.set(
      "top_tangent_eigenvalue", topEigenvalue,
      "per restart: the largest tangent eigenvalue of the Lagrangian Hessian at the end, in units of ‖∇ℓ‖/ε (≤ so_tol at a local maximum)"
    )
    r.set(
      "second_order_pass", secondOrder,
      "per restart: 1 if the end point passes the second-order test for a local maximum, 0 if not; NaN for restarts that did not converge",
      allowing: .nan
    )
    let convergedRuns = converged.indices.filter { converged[$0] == 1 }
    r.set("converged_fraction", Statistics.mean(converged), "the share of restarts that converged")
    r.set(
      "second_order_fraction", convergedRuns.isEmpty ? .nan : Statistics.mean(convergedRuns.map { secondOrder[$0] }),
      "the share of converged restarts passing the second-order test (NaN if none converged)", allowing: .nan)
    r.set(
      "iterations_median", Statistics.median(convergedRuns.map { iterations[$0] }),
      "the median iterations of the converged restarts only (NaN if none converged; see converged_fraction)",
      units: "iterations", allowing: .nan)
    r.set(
      "iterations_max", convergedRuns.map { iterations[$0] }.max() ?? .nan,
      "the most iterations any converged restart needed (NaN if none converged)", units: "iterations", allowing: .nan)
    r.set("epsilon", epsilon, "the attack radius ε = r·s", units: "ℓ2 norm, input units")
    r.set("clean_loss", 0.5 * (net(x) - y) * (net(x) - y), "the loss ½(f(x) − y)² at the unperturbed input")
    // A restart whose loss became non-finite makes the maximum NaN (Swift's max() would skip it).
    r.set(
      "end_loss_max", endLoss.contains(where: \.isNaN) ? .nan : (endLoss.max() ?? .nan),
      "the largest end_loss over the restarts (NaN if any restart's loss became non-finite)", allowing: .nan)
    return r
  }

  /// Converged runs' values of an array (the others are not what the statement is about).
  static func converged(_ name: String) -> @Sendable (PointResult) -> [Double] {
    { p in zip(p.array(name), p.array("converged")).filter { $0.1 == 1 }.map(\.0) }
  }

  public static let claims: [Claim] = [
    .fraction(
      "At small input scale (s ≤ 1) every PGA restart converges within the budget",
      reason:
        "pre-activations w_r·x ~ N(0, s²) stay in σ's near-linear range for s ≤ 1, where the theorem's polynomial bound is smallest; w.h.p. means every restart",
      of: { $0.scalar("converged_fraction") }, named: "converged share", .within(1...1), atLeast: 1,
      where: { $0.real("s") <= 1 }
    ).control(
      "one PGA step from each random start (max_iter = 1): a random point of the sphere moved once is not a critical point, so the convergence test must reject it; the claim is about what PGA reaches, not where it starts",
      set: ["max_iter=1"]),
    .pooledFraction(
      "Every converged end point passes the second-order test (a local maximum, not a saddle)",
      reason:
        "from random starts PGA avoids strict saddles with probability 1; so_tol allows only rounding in the eigenvalues",
      of: converged("second_order_pass"), named: "pass", .within(1...1), atLeast: 1
    ).codeCheck(
      "the paper's theorem: PGA with a stable step converges to a local maximum, and from random starts it reaches a strict saddle with probability 0 (stable-manifold theorem); a failure would mean the gradient, projection, multiplier or tangent Hessian is wrong (the restart share that converges is the prediction above)"
    ),
    .pooledFraction(
      "At converged end points the tangent Hessian is negative definite (largest eigenvalue < 0)",
      reason: "a strict local maximum; the eigenvalue is in units of ‖∇ℓ‖/ε, the sphere's own curvature",
      of: converged("top_tangent_eigenvalue"), named: "λ_max·ε/‖∇ℓ‖", .below(0), atLeast: 1
    ).codeCheck(
      "the same theorem's strict form: a maximum with a zero tangent eigenvalue is non-generic for random W, x and y; failing means the tangent Hessian or the multiplier is wrong, not that the landscape differs from the paper's"
    ),
  ]

  public static func figures(_ results: Results) throws -> [Figure] {
    let scales = Deng2020.scales(results)
    let tol = Deng2020.parameter(results, "tol")
    var gradient: [Series] = []
    var loss: [Series] = []
    for s in scales {
      guard let p = results.points.filter({ $0.real("s") == s && $0.real("seed") == 0 }).first else { continue }
      let g = p.array("trace_relative_gradient_norm")
      let t = (0..<g.count).map(Double.init)
      gradient.append(Series(label: Deng2020.label(s), x: t.map { $0 + 1 }, y: g, style: .lines))
      loss.append(Series(label: Deng2020.label(s), x: t.map { $0 + 1 }, y: p.array("trace_loss"), style: .lines))
    }
    let maxT = gradient.compactMap { $0.x.last }.max() ?? 2
    let tolLine = Series.reference(
      "tolerance \(formatNumber(tol))", over: 1...max(maxT, 2), log: true, samples: 2
    ) { _ in tol }

    // Iterations to converge (converged restarts only) and the share of restarts converged, against s.
    var its: [[Double]] = []
    var notes: [Note] = []
    var share: [Double] = []
    var passShare: [Double] = []
    var eigenX: [Double] = []
    var eigenY: [Double] = []
    for s in scales {
      let points = results.points.filter { $0.real("s") == s }
      let survivors = points.flatMap { converged("iterations")($0) }
      let all = points.flatMap { $0.array("converged") }.count
      its.append(survivors)
      share.append(Statistics.mean(points.flatMap { $0.array("converged") }))
      passShare.append(Statistics.mean(points.flatMap { converged("second_order_pass")($0) }))
      let eig = points.flatMap { converged("top_tangent_eigenvalue")($0) }
      eigenX += eig.map { _ in s }
      eigenY += eig
      notes.append(
        Note(
          x: s, y: Statistics.quantile(survivors, 0.75), "\(survivors.count) of \(all)",
          color: survivors.count < all ? 1 : 0))
    }
    let restarts = Int(Deng2020.parameter(results, "restarts"))
    let seeds = results.distinctValues(of: "seed").count
    let sRange = (scales.min() ?? 0.1)...(scales.max() ?? 10)
    let small = scales.filter { $0 <= 1 }
    let smallRange = (small.min() ?? 0.1)...(small.max() ?? 1)
    let smallShare = results.points.filter { $0.real("s") <= 1 }.map { $0.scalar("converged_fraction") }
    let allConverge = smallShare.filter { $0 == 1 }.count
    let pooled = results.points.flatMap { converged("second_order_pass")($0) }
    let passed = pooled.filter { $0 == 1 }.count
    let eigenNegative = eigenY.filter { $0 < 0 }.count
    return [
      Figure(
        name: "gradient-norm-vs-iteration",
        title: "PGA: Riemannian gradient ‖g‖/‖∇ℓ‖ per iteration (seed 0, first restart)",
        xLabel: "PGA iteration t + 1", yLabel: "‖(I − δδ^{T}/ε²)∇ℓ‖ / ‖∇ℓ‖", logX: true, logY: true,
        series: gradient, references: [tolLine], legend: .outsideRight,
        caption:
          "A run converges where its curve reaches the tolerance line: within about a hundred iterations at small s, later as s grows; a curve that stays flat to the end of the budget is a restart that did not converge."
      ),
      Figure(
        name: "loss-vs-iteration", title: "PGA: adversarial loss ℓ(δ_{t}) per iteration (seed 0, first restart)",
        xLabel: "PGA iteration t + 1", yLabel: "ℓ(δ_{t}) = ½(f(x + δ_{t}) − y)²", logX: true, logY: true,
        series: loss, legend: .outsideRight,
        caption:
          "Descriptive, no claim: ℓ climbs to a plateau, its local maximum, at every s; a curve that runs on to the end of the budget belongs to a restart that did not converge."
      ),
      Figure(
        name: "iterations-vs-s",
        title:
          "Iterations to reach ‖g‖ ≤ tol·‖∇ℓ‖, over the restarts that converged (numbers: converged of \(restarts) restarts × \(seeds) seeds)",
        xLabel: "input scale s = ‖x‖", yLabel: "PGA iterations", logX: true, logY: true,
        series: [
          .median(
            "iterations of the converged restarts only", x: scales, samples: its, over: "converged restarts and seeds")
        ], xTicks: scales, legend: .below, notes: notes,
        caption:
          "Each point summarises only the restarts that converged, counted above it: where fewer than all converged (orange counts) the median is of the survivors, a lower bound on the typical cost."
      ),
      Figure(
        name: "convergence-vs-s",
        title:
          "Share of restarts converged within \(formatReal(Deng2020.parameter(results, "max_iter"))) iterations, and passing the second-order test; all converge at s ≤ 1 at \(allConverge) of \(smallShare.count) inputs",
        xLabel: "input scale s = ‖x‖", yLabel: "share of restarts (1 = all)", logX: true,
        series: [
          Series(label: "converged within the budget (all restarts, all seeds)", x: scales, y: share),
          Series(
            label: "local maximum: passes the second-order test (converged restarts)", x: scales, y: passShare,
            marker: 6),
        ],
        references: [
          .reference("claim: every restart converges at s ≤ 1", over: smallRange, log: true, samples: 2, color: 0) {
            _ in 1
          },
          .reference(
            "code check: every converged end point is a local maximum", over: sRange, log: true, samples: 2, color: 1
          ) {
            _ in 1
          },
        ], xTicks: scales, legend: .below, yRange: -0.03...1.05,
        caption:
          "The blue share must sit on its line at 1 for s ≤ 1 (where the claim applies) and may fall beyond; every converged restart passes the second-order test (orange at 1: \(passed) of \(pooled.count))."
      ),
      Figure(
        name: "second-order-vs-s",
        title:
          "Second-order test at converged end points: largest tangent eigenvalue (\(eigenNegative) of \(eigenY.count) below 0)",
        xLabel: "input scale s = ‖x‖", yLabel: "λ_{max}(P(∇²ℓ − λI)P) · ε/‖∇ℓ‖ (dimensionless)", logX: true,
        series: [Series(label: "one converged restart", x: eigenX, y: eigenY, style: .points)],
        references: [
          .reference(
            "code check: < 0 (a strict local maximum) at every converged end point", over: sRange, log: true, color: 0
          ) { _ in 0 }
        ], xTicks: scales, legend: .below,
        caption:
          "Every point must lie below the zero line: the end points PGA converges to are strict local maxima, not saddles."
      ),
    ]
  }
}

extension Deng2020PGAConvergence {
  /// Memory per point, from its shapes: the restarts.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Deng2020.memory(p, vectors: 3 * p.int("restarts"))
  }

  /// Time per point, from its shapes: the restarts and their second-order tests.
  public static func cost(_ p: Point) -> CostEstimate? { Deng2020.pgaConvergenceCost(p) }
}
