import Foundation

/// How a PGA step scales the gradient.
public enum PGAStepRule: String, Sendable, CaseIterable {
  /// δ ← Π(δ + η·ε·∇ℓ/‖∇ℓ‖): a step of η times the radius, the usual ℓ2 attack (Madry et al.); scale-free,
  /// so iteration counts at different input scales compare the landscapes, not the units of η.
  case normalized
  /// δ ← Π(δ + η·∇ℓ): the textbook rule, η in the units of δ/∇ℓ.
  case plain
}

/// Settings of projected gradient ascent on the ℓ2 ball ‖δ‖ ≤ ε.
public struct PGAConfiguration: Sendable, Equatable {
  /// ε, the radius of the ball.
  public var radius: Double
  /// η (see `PGAStepRule` for its units).
  public var step: Double
  public var rule: PGAStepRule
  /// The iteration budget: at most this many steps.
  public var maxIterations: Int
  /// Converged (a first-order stationary point of the maximisation on the ball) when, at a point of the
  /// sphere, ‖g‖ ≤ tolerance·‖∇ℓ‖, g the Riemannian gradient, and λ ≥ 0: the sine of the angle between ∇ℓ
  /// and δ is below the tolerance and ∇ℓ points out of the ball.
  public var tolerance: Double

  public init(radius: Double, step: Double, rule: PGAStepRule, maxIterations: Int, tolerance: Double) {
    precondition(radius > 0 && step > 0 && maxIterations >= 0 && tolerance > 0, "PGAConfiguration: bad settings")
    self.radius = radius
    self.step = step
    self.rule = rule
    self.maxIterations = maxIterations
    self.tolerance = tolerance
  }
}

/// Per-iteration record of one PGA run: entry t is at the iterate δ_t (t = 0 is the start).
public struct PGATrace: Sendable, Equatable {
  /// ℓ(δ_t).
  public var loss: [Double] = []
  /// ‖g_t‖, g = (I − δδᵀ/‖δ‖²)∇ℓ on the sphere, ∇ℓ inside the ball.
  public var gradientNorm: [Double] = []
  /// ‖g_t‖/‖∇ℓ(δ_t)‖, the quantity the tolerance bounds.
  public var relativeGradientNorm: [Double] = []
  /// λ_t = δ·∇ℓ/ε² on the sphere (0 inside).
  public var multiplier: [Double] = []

  mutating func reserve(_ n: Int) {
    loss.reserveCapacity(n)
    gradientNorm.reserveCapacity(n)
    relativeGradientNorm.reserveCapacity(n)
    multiplier.reserveCapacity(n)
  }
}

/// Where a PGA run ended.
public struct PGAOutcome: Sendable {
  public var delta: [Double]
  /// Steps taken: the end point is δ_iterations.
  public var iterations: Int
  public var converged: Bool
  public var loss: Double
  public var output: Double
  public var gradientNorm: Double
  public var relativeGradientNorm: Double
  public var multiplier: Double
  /// On the sphere (‖δ‖ = ε up to rounding).
  public var onSphere: Bool
  /// Filled when the run was asked to trace.
  public var trace: PGATrace?
}

/// Projected gradient ascent δ ← Π(δ + step), Π(v) = v·min(1, ε/‖v‖), on an adversarial loss.
/// Buffers live across iterations and runs: a step is two GEMVs and O(d + m) arithmetic, no allocation.
public struct ProjectedGradientAscent: Sendable {
  public var loss: AdversarialLoss
  public let configuration: PGAConfiguration
  private var delta: [Double]
  private var gradient: [Double]

  public init(loss: AdversarialLoss, configuration: PGAConfiguration) {
    self.loss = loss
    self.configuration = configuration
    delta = [Double](repeating: 0, count: loss.dimension)
    gradient = delta
  }

  /// Runs from `start` (usually a random point of the sphere) until the Riemannian gradient meets the
  /// tolerance or the budget is spent. `observe(t, δ_t)` sees every iterate (for drawing paths).
  public mutating func run(
    from start: [Double], trace wantTrace: Bool = false, observe: ((Int, [Double]) -> Void)? = nil
  ) -> PGAOutcome {
    precondition(start.count == delta.count, "PGA: start has \(start.count) entries, not \(delta.count)")
    let epsilon = configuration.radius
    let d = delta.count
    for k in 0..<d { delta[k] = start[k] }
    project()
    var trace: PGATrace? = nil
    if wantTrace {
      trace = PGATrace()
      trace!.reserve(configuration.maxIterations + 1)
    }
    var t = 0
    while true {
      observe?(t, delta)
      let (value, output) = loss.evaluate(at: delta, gradient: &gradient)
      let s = stationarity()
      trace?.loss.append(value)
      trace?.gradientNorm.append(s.norm)
      trace?.relativeGradientNorm.append(s.relative)
      trace?.multiplier.append(s.multiplier)
      let converged = s.onSphere && s.multiplier >= 0 && s.relative <= configuration.tolerance
      let stuck = !(s.gradientNorm > 0) || !value.isFinite
      if converged || stuck || t >= configuration.maxIterations {
        return PGAOutcome(
          delta: delta, iterations: t, converged: converged && !stuck, loss: value, output: output,
          gradientNorm: s.norm, relativeGradientNorm: s.relative, multiplier: s.multiplier,
          onSphere: s.onSphere, trace: trace)
      }
      let scale =
        configuration.rule == .normalized
        ? configuration.step * epsilon / s.gradientNorm : configuration.step
      axpy(scale, gradient, &delta)
      project()
      t += 1
    }
  }

  /// δ ← δ·min(1, ε/‖δ‖).
  private mutating func project() {
    let r = norm(delta)
    let epsilon = configuration.radius
    if r > epsilon {
      let c = epsilon / r
      for k in delta.indices { delta[k] *= c }
    }
  }

  /// The Riemannian gradient's norm (the full gradient's inside the ball), relative size, and multiplier.
  private func stationarity() -> (
    norm: Double, relative: Double, multiplier: Double, gradientNorm: Double, onSphere: Bool
  ) {
    let gn = norm(gradient)
    let r2 = dot(delta, delta)
    let e2 = configuration.radius * configuration.radius
    guard r2 >= e2 * (1 - 1e-10) else { return (gn, gn > 0 ? 1 : .nan, 0, gn, false) }
    let lambda = dot(delta, gradient) / r2
    // ‖∇ℓ − λδ‖² = ‖∇ℓ‖² − λ²‖δ‖², computed directly to avoid cancellation.
    var g2 = 0.0
    for k in delta.indices {
      let g = gradient[k] - lambda * delta[k]
      g2 += g * g
    }
    let g = g2.squareRoot()
    return (g, gn > 0 ? g / gn : .nan, lambda * r2 / e2, gn, true)
  }
}

extension ProjectedGradientAscent {
  /// The second-order test at an end point (see `SecondOrderTest`).
  public func secondOrderTest(at delta: [Double], tolerance: Double) throws(EigenError) -> SecondOrderTest {
    try SecondOrderTest(loss: loss, at: delta, radius: configuration.radius, tolerance: tolerance)
  }
}
