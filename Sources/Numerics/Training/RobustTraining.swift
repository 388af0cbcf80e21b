import Foundation

/// The logistic loss of a margin, ℓ(q) = log(1 + e^{−q}), and its derivative ℓ'(q) = −1/(1 + e^{q}).
public enum Logistic {
  @inline(__always) public static func loss(_ q: Double) -> Double { logOnePlusExp(-q) }
  @inline(__always) public static func derivative(_ q: Double) -> Double { -logisticSigmoid(-q) }

  /// (1/n)·Σ ℓ(q_i).
  public static func meanLoss(_ margins: [Double]) -> Double {
    margins.reduce(0) { $0 + loss($1) } / Double(margins.count)
  }
}

/// Settings of adversarial training by projected gradient descent, W ← Π(W − η·∇L_A(W)).
public struct RobustTrainingConfiguration: Sendable, Equatable {
  /// δ, the radius of the ℓ2 perturbation ball.
  public var radius: Double
  /// A, the attack whose points the surrogate loss L_A is measured at.
  public var attack: MarginAttack
  /// η.
  public var learningRate: Double
  /// R: W is projected onto the ball of radius R around W(0) (`ball`) after every step; +∞ for no projection.
  public var projectionRadius: Double
  /// Which ball: ‖W − W(0)‖_F ≤ R (the default) or ‖w_r − w_r(0)‖ ≤ R/√m for every unit.
  public var ball: ProjectionBall

  public init(
    radius: Double, attack: MarginAttack, learningRate: Double, projectionRadius: Double = .infinity,
    ball: ProjectionBall = .frobenius
  ) {
    precondition(radius >= 0 && learningRate > 0 && projectionRadius > 0, "robust training: bad settings")
    self.radius = radius
    self.attack = attack
    self.learningRate = learningRate
    self.projectionRadius = projectionRadius
    self.ball = ball
  }
}

/// Adversarial training that stopped because a measured quantity was not finite: the point of a diverging
/// run, never a result.
public struct RobustTrainingError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The iteration (0-based) whose measurement was not finite.
  public var iteration: Int
  /// "surrogate loss" or "gradient norm".
  public var quantity: String
  public var value: Double
  public var learningRate: Double

  public var description: String {
    let what = value.isNaN ? "became NaN" : "became infinite"
    return
      "adversarial training diverged at iteration \(iteration): the \(quantity) \(what) with learning rate \(String(format: "%.3g", learningRate))"
  }
}

/// Adversarial training of the first layer W of f(W, x) = c·Σ_r a_r σ(w_r·x) (a and c fixed) on the
/// logistic loss, full batch (Gao et al. 2019): each iteration the attack finds z_i in the ball around
/// every x_i, the surrogate loss L_A(W) = (1/n)·Σ ℓ(y_i f(W, z_i)) and its gradient are measured (Danskin:
/// the attack's points are held fixed, ∇_W = (1/n)·Σ_i ℓ'(q_i)·Sᵢᵀ z_i, one GEMM), and W takes a projected
/// step. Buffers are kept across iterations.
public struct RobustTrainer: Sendable {
  public private(set) var network: TwoLayerNetwork
  /// W(0), the centre of the projection ball.
  public let initialWeights: Matrix
  public let configuration: RobustTrainingConfiguration
  public private(set) var iteration = 0
  private var attacker: MarginAttacker
  private var gradient: Matrix  // m × d
  private var lossWeights: [Double]  // ℓ'(q_i)/n

  /// `rng` draws the attack's random restarts, if it has any. The ball is centred at `network.weights` (W(0));
  /// training starts there, or at `start` (a point of the ball, e.g. a restart of a search for its best W).
  public init(
    network: TwoLayerNetwork, data: SphereData, configuration: RobustTrainingConfiguration, rng: RandomSource,
    start: Matrix? = nil
  ) {
    precondition(!network.trainsOuter && network.bias == nil, "RobustTrainer: fixed second layer, no bias")
    precondition(data.dimension == network.inputDimension, "RobustTrainer: inputs and network differ in dimension")
    self.network = network
    initialWeights = network.weights
    if let start {
      precondition(start.rows == network.width && start.cols == network.inputDimension, "RobustTrainer: start shape")
      self.network.weights = start
    }
    self.configuration = configuration
    attacker = MarginAttacker(
      inputs: data.x, labels: data.y, radius: configuration.radius, method: configuration.attack,
      width: network.width, rng: rng)
    gradient = Matrix(zeros: network.width, network.inputDimension)
    lossWeights = [Double](repeating: 0, count: data.count)
  }

  /// The margins the training attack found at the weights of the last `step()` (before its update).
  public var attackMargins: [Double] { attacker.margins }

  /// ‖W − W(0)‖_F.
  public var weightChange: Double {
    var s = 0.0
    for k in initialWeights.storage.indices {
      let t = network.weights.storage[k] - initialWeights.storage[k]
      s += t * t
    }
    return s.squareRoot()
  }

  /// The surrogate loss L_A(W_t) at the current weights, then one projected step. Throws, without
  /// stepping, when the loss or the gradient is not finite.
  @discardableResult
  public mutating func step() throws(RobustTrainingError) -> Double {
    attacker.attack(network)
    let n = attacker.inputs.rows
    // The margins at the attack's points without a further full pass (see `MarginAttacker.pointMargins`).
    let margins = attacker.pointMargins(network)
    let loss = Logistic.meanLoss(margins)
    let rate = configuration.learningRate
    guard loss.isFinite else {
      throw RobustTrainingError(iteration: iteration, quantity: "surrogate loss", value: loss, learningRate: rate)
    }
    // ∇_W = Σ_i (ℓ'(q_i)/n)·∇_W q_i.
    for i in 0..<n { lossWeights[i] = Logistic.derivative(margins[i]) / Double(n) }
    attacker.weightGradient(network, weights: lossWeights, into: &gradient)
    let size = norm(gradient.storage)
    guard size.isFinite else {
      throw RobustTrainingError(iteration: iteration, quantity: "gradient norm", value: size, learningRate: rate)
    }
    axpy(-rate, gradient.storage, &network.weights.storage)
    project()
    iteration += 1
    return loss
  }

  /// W ← Π(W), the projection onto the configuration's ball around W(0) (`ProjectionBall.project`).
  private mutating func project() {
    configuration.ball.project(&network.weights, around: initialWeights, radius: configuration.projectionRadius)
  }
}

/// The robust loss L*(W) = (1/n)·Σ max_{‖z−x_i‖≤δ} ℓ(y_i f(W, z)), estimated with a strong attack, and
/// the robust training accuracy (the share of inputs whose whole ball the attack could not flip: margin > 0).
public struct RobustLossEstimator: Sendable {
  private var attacker: MarginAttacker

  public init(data: SphereData, radius: Double, attack: MarginAttack, width: Int, rng: RandomSource) {
    attacker = MarginAttacker(inputs: data.x, labels: data.y, radius: radius, method: attack, width: width, rng: rng)
  }

  /// (L*, robust accuracy, the lowest margin found per input).
  public mutating func evaluate(_ network: TwoLayerNetwork) -> (loss: Double, accuracy: Double, margins: [Double]) {
    attacker.attack(network)
    let margins = attacker.margins
    let correct = margins.filter { $0 > 0 }.count
    return (Logistic.meanLoss(margins), Double(correct) / Double(margins.count), margins)
  }

  /// The robust accuracy of `evaluate` when it is above `floor`; otherwise some value ≤ `floor` (the attack stops
  /// as soon as enough balls are flipped that the accuracy cannot end above `floor`). The estimator's later
  /// evaluations are the same either way.
  public mutating func accuracy(_ network: TwoLayerNetwork, above floor: Double) -> Double {
    let n = attacker.inputs.rows
    var limit = 1
    while limit < n && Double(n - limit) / Double(n) > floor { limit += 1 }
    attacker.attack(network, stoppingAtFlips: limit)
    return Double(attacker.margins.filter { $0 > 0 }.count) / Double(n)
  }
}

extension TwoLayerNetwork {
  /// max_i |f(W, x_i) − f_lin(x_i)|, f_lin(x) = f(W(0), x) + ⟨∇_W f(W(0), x), W − W(0)⟩ the network
  /// linearised in its first layer at `initial` (no bias): how far training left the tangent model.
  public func linearizationError(from initial: Matrix, at x: Matrix) -> Double {
    precondition(bias == nil && initial.rows == width && initial.cols == inputDimension, "linearizationError: shapes")
    var change = weights
    axpy(-1, initial.storage, &change.storage)
    let p0 = product(x, .none, initial, .transpose)
    let dp = product(x, .none, change, .transpose)
    let now = self(x)
    var worst = 0.0
    for i in 0..<x.rows {
      var linear = 0.0
      for r in 0..<width {
        let u = p0[i, r]
        linear += outer[r] * (activation.value(u) + activation.derivative(u) * dp[i, r])
      }
      worst = max(worst, abs(now[i] - outputScale * linear))
    }
    return worst
  }
}
