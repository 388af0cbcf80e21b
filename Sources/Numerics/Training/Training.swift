/// How a full-batch gradient step is sized.
public enum StepRule: String, Sendable, CaseIterable {
  /// θ ← θ − η ∇L.
  case plain
  /// θ ← θ − (η / L) ∇L: the same gradient-flow path, re-timed; reaches large margins in far fewer steps.
  case lossNormalized = "loss-normalized"
  /// θ ← θ − η ∇L / (L·max(1, log(1/L))²): the loss-normalised path with steps that shrink as the
  /// margin grows, the schedule of Lyu & Li (2020) for 2-homogeneous networks. Late in training the
  /// plain loss-normalised step chatters between the points of smallest margin; this one settles.
  case lyuLi = "lyu-li"
}

/// Where the first-layer weights live during training.
public enum TrainingMode: String, Sendable, CaseIterable {
  /// W itself: O(m·n·d) per step.
  case direct
  /// W = W(0) + A·X with A (m×n): pre-activations from the Gram matrix, O(m·n²) per step. Exact.
  case span
  /// span when n < d, else direct.
  case automatic
}

public struct TrainingConfig: Sendable, Equatable {
  public var loss: Loss
  public var stepSize: Double
  public var rule: StepRule
  public var maxSteps: Int
  /// Stop once min_i y_i N(x_i) / ‖θ‖² reaches this (margin losses only).
  public var targetNormalizedMargin: Double?
  /// Stop once the data are fitted and the normalised margin changed by less than this, relative,
  /// over the second half of the flow time so far (margin losses only): "until it stops changing",
  /// judged on the flow's own clock, so a rule whose steps shrink cannot stop it early.
  public var convergenceTolerance: Double?
  /// Bound on the relative change of θ in one step, ‖Δθ‖ ≤ this·‖θ‖: the step is shortened where the
  /// rule's step would leap (the early phase from a small initialisation, where ‖∇L‖/‖θ‖ is large),
  /// so the iterates follow the gradient flow there. nil: no bound.
  public var maxRelativeChange: Double?
  /// Late-phase step growth: the step grows above `stepSize` (at most ×2 per step) while the largest
  /// change of a network output N(x_i) in one step stays below this (`StepGrowth`). nil: η throughout.
  public var maxOutputChange: Double?
  public var mode: TrainingMode

  public init(
    loss: Loss, stepSize: Double, rule: StepRule = .plain, maxSteps: Int,
    targetNormalizedMargin: Double? = nil, convergenceTolerance: Double? = nil, maxRelativeChange: Double? = nil,
    maxOutputChange: Double? = nil, mode: TrainingMode = .automatic
  ) {
    self.loss = loss
    self.stepSize = stepSize
    self.rule = rule
    self.maxSteps = maxSteps
    self.targetNormalizedMargin = targetNormalizedMargin
    self.convergenceTolerance = convergenceTolerance
    self.maxRelativeChange = maxRelativeChange
    self.maxOutputChange = maxOutputChange
    self.mode = mode
  }
}

public enum StopReason: String, Sendable {
  case stepBudget = "step-budget"
  case targetMargin = "target-margin"
  /// The normalised margin changed by less than the tolerance over the second half of the flow time.
  case marginConverged = "margin-converged"
  /// ‖θ‖² passed `Trainer.normLimit`: loss-normalised steps grow ‖θ‖ geometrically, and past this the
  /// margins would overflow a Double. The direction has long converged as far as the flow will take it.
  case normLimit = "norm-limit"
}

/// The state of training at one step, before that step's update.
public struct TrainingSnapshot: Sendable, Equatable {
  public var step: Int
  /// Mean loss (may underflow to 0 at large margins; `logLoss` does not).
  public var loss: Double
  public var logLoss: Double
  /// min_i y_i N(x_i).
  public var minMargin: Double
  /// ‖θ‖² over the trained parameters.
  public var squaredNorm: Double
  /// min_i y_i N(x_i) / ‖θ‖².
  public var normalizedMargin: Double { minMargin / squaredNorm }
  /// Fraction of training points with y_i N(x_i) > 0.
  public var accuracy: Double
  /// The flow time reached: Σ of the effective step sizes, on the clock of the re-timed gradient flow
  /// the rule discretises (plain: dθ/dt = −∇L; loss-normalised: dθ/dτ = −∇L/L; lyu-li:
  /// dθ/dτ = −∇L/(L·log²(1/L))). Every rule follows the same path; only the clock differs.
  public var flowTime: Double = 0
  /// |γ(τ) − γ(τ/2)| / |γ(τ)| for the normalised margin γ: its relative change over the second half
  /// of the flow time so far (NaN before the first step).
  public var marginChange: Double = .nan
}

public struct TrainingReport: Sendable, Equatable {
  public var final: TrainingSnapshot
  public var stopReason: StopReason
  public var mode: TrainingMode
  public var steps: Int { final.step }
  /// Steps shortened by the relative bound (the early phase) and steps grown above η (`StepGrowth`).
  public var boundSteps = 0
  public var grownSteps = 0
}

public struct TrainingError: Error, CustomStringConvertible {
  public var step: Int
  public var logLoss: Double
  public var description: String {
    "training diverged at step \(step): the loss became \(logLoss.isNaN ? "NaN" : "infinite"); lower the step size"
  }
}
