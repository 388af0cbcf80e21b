/// The step size of one training run, step by step: the rule's η, grown where the flow allows it, and
/// shortened by the relative bound. Counts where the steps went (bound binding, grown, plain η).
///
/// Growth (`TrainingConfig.maxOutputChange` = κ): late in training the lyu-li step η·∇L/(L·log²(1/L))
/// moves the margins y_i N(x_i) by ever less per step (≈ η/(γ‖θ‖)² for a 2-homogeneous network), far
/// below what following the flow needs: the loss weights ℓ_i/Σℓ are a softmax of the margins, and the
/// flow's path is followed while one step moves every margin by much less than 1. So the step grows
/// (at most ×2 per step, never below η, once every training point is fitted) to keep the largest measured change of a network output over
/// the previous step near κ: η_k = max(η, min(2, κ/δ_{k−1})·η_{k−1}), with δ_{k−1} = max_i |ΔN(x_i)|
/// of the step before (first order: δ ∝ η). The relative bound ‖Δθ‖ ≤ ρ‖θ‖ still caps every step.
/// The flow time is the sum of the η_k actually taken: the same clock and path as without growth.
struct StepGrowth {
  let base: Double
  let bound: Double?
  let kappa: Double?
  /// The outputs N(x_i) at the previous step (growth only).
  private var previous: [Double]
  private var hasPrevious = false
  /// The step size taken last, and the largest output change it caused.
  private var lastEta = 0.0
  private var lastChange = Double.nan
  private var fitted = false
  /// Steps shortened by the relative bound; steps longer than η; the rest took η.
  private(set) var boundSteps = 0
  private(set) var grownSteps = 0

  init(config: TrainingConfig, samples: Int) {
    base = config.stepSize
    bound = config.maxRelativeChange
    kappa = config.maxOutputChange
    previous = [Double](repeating: 0, count: kappa == nil ? 0 : samples)
  }

  /// Records the outputs of the current iterate (before its update): the change since the last step, and
  /// whether every training point is fitted (growth is for the margin-maximising phase only: where a point
  /// stays misclassified, e.g. on dead units, its outputs stop moving and growth would run away).
  mutating func observe(_ outputs: [Double], fitted: Bool) {
    guard kappa != nil else { return }
    self.fitted = fitted
    if hasPrevious {
      var largest = 0.0
      for i in outputs.indices { largest = max(largest, abs(outputs[i] - previous[i])) }
      lastChange = largest
    }
    for i in outputs.indices { previous[i] = outputs[i] }
    hasPrevious = true
  }

  /// The step size for a step whose full gradient has norm `gradient` (needed only with a bound) at
  /// ‖θ‖ = `norm`.
  mutating func next(gradient: () -> Double, norm: Double) -> Double {
    var eta = base
    if let kappa, fitted, lastEta > 0, !lastChange.isNaN {
      let factor = lastChange > 0 ? min(2, kappa / lastChange) : 2
      eta = max(base, factor * lastEta)
    }
    if let rho = bound {
      let limit = rho * norm
      let g = gradient()
      if eta * g > limit {
        eta = limit / g
        boundSteps += 1
      } else if eta > base {
        grownSteps += 1
      }
    } else if eta > base {
      grownSteps += 1
    }
    lastEta = eta
    return eta
  }
}
