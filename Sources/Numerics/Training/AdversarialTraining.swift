import Foundation

/// Settings of adversarial training with the squared loss: an inner PGA of K steps per input on
/// ‖δ_i‖ ≤ ε from a random point of the sphere, then one full-batch gradient-descent step on W.
public struct AdversarialTrainingConfiguration: Sendable, Equatable {
  /// ε.
  public var radius: Double
  /// K, PGA steps per epoch.
  public var innerSteps: Int
  /// η of the inner PGA (see `PGAStepRule`).
  public var innerStep: Double
  public var innerRule: PGAStepRule
  /// The outer step on W.
  public var learningRate: Double

  public init(radius: Double, innerSteps: Int, innerStep: Double, innerRule: PGAStepRule, learningRate: Double) {
    precondition(
      radius >= 0 && innerSteps >= 0 && innerStep > 0 && learningRate > 0, "adversarial training: bad settings")
    self.radius = radius
    self.innerSteps = innerSteps
    self.innerStep = innerStep
    self.innerRule = innerRule
    self.learningRate = learningRate
  }
}

/// What one epoch measured, before its step on W.
public struct AdversarialEpoch: Sendable, Equatable {
  /// (1/n)Σ ½(f(x_i + δ_i) − y_i)² at the inner PGA's end points: the adversarial training loss.
  public var adversarialLoss: Double
  /// (1/n)Σ ½(f(x_i) − y_i)².
  public var cleanLoss: Double
  /// ‖∇_W‖ of the adversarial loss (Frobenius), the step's size before the learning rate.
  public var gradientNorm: Double
}

/// Adversarial training that stopped because it diverged: the loss or the gradient became non-finite, or
/// the adversarial loss rose above `AdversarialTrainer.divergenceFactor` times its first value.
public struct AdversarialTrainingError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The epoch (0-based) whose measurement diverged.
  public var epoch: Int
  /// "adversarial loss", "clean loss" or "gradient norm".
  public var quantity: String
  public var value: Double
  public var learningRate: Double

  public var description: String {
    let what =
      value.isNaN
      ? "became NaN" : value.isInfinite ? "became infinite" : "rose to \(String(format: "%.3g", value))"
    return
      "adversarial training diverged at epoch \(epoch): the \(quantity) \(what) with learning rate \(String(format: "%.3g", learningRate))"
  }
}

/// Adversarial training of the first layer W of a two-layer network (the second layer and the output
/// scale fixed), full batch. All inputs are attacked at once: the perturbations are the rows of an n×d
/// matrix Δ, so a PGA step is two GEMMs (P = (X + Δ)Wᵀ and G = D·W, D_ir = (f_i − y_i)·c·v_r·σ'(P_ir)),
/// and the step on W is one more (∇_W = (1/n)·Dᵀ(X + Δ), Danskin's theorem). Buffers are kept across
/// epochs.
public struct AdversarialTrainer: Sendable {
  public private(set) var network: TwoLayerNetwork
  public let inputs: Matrix
  public let labels: [Double]
  public let configuration: AdversarialTrainingConfiguration
  private var delta: Matrix  // n × d
  private var z: Matrix  // n × d
  private var pre: Matrix  // n × m
  private var coefficients: Matrix  // n × m
  private var inputGradients: Matrix  // n × d
  private var weightGradient: Matrix  // m × d
  private var epochs = 0
  private var firstAdversarialLoss = Double.nan

  /// An epoch whose adversarial loss exceeds this many times the first epoch's is diverging: gradient
  /// descent with a stable step does not raise its loss by six orders of magnitude.
  public static let divergenceFactor = 1e6

  public init(
    network: TwoLayerNetwork, inputs: Matrix, labels: [Double], configuration: AdversarialTrainingConfiguration
  ) {
    precondition(network.bias == nil, "AdversarialTrainer: networks without bias only")
    precondition(inputs.cols == network.inputDimension && inputs.rows == labels.count, "AdversarialTrainer: shapes")
    self.network = network
    self.inputs = inputs
    self.labels = labels
    self.configuration = configuration
    let (n, d, m) = (inputs.rows, inputs.cols, network.width)
    delta = Matrix(zeros: n, d)
    z = Matrix(zeros: n, d)
    pre = Matrix(zeros: n, m)
    coefficients = Matrix(zeros: n, m)
    inputGradients = Matrix(zeros: n, d)
    weightGradient = Matrix(zeros: m, d)
  }

  /// One epoch: the clean loss, the inner PGA from random starts on the sphere, the adversarial loss and
  /// its gradient at the end points, then W ← W − lr·∇_W. Returns what was measured before the step.
  /// Throws, without stepping, when the measurement shows divergence (see `AdversarialTrainingError`).
  public mutating func epoch(rng: inout RandomSource) throws(AdversarialTrainingError) -> AdversarialEpoch {
    let (n, d) = (inputs.rows, inputs.cols)
    let epsilon = configuration.radius
    // Clean loss at Δ = 0.
    for k in delta.storage.indices { delta.storage[k] = 0 }
    let clean = forward(derivatives: false)

    // Random starts on the sphere, then K projected ascent steps per row.
    if epsilon > 0 {
      for i in 0..<n {
        var r2 = 0.0
        for k in 0..<d {
          let g = rng.normal()
          delta[i, k] = g
          r2 += g * g
        }
        let c = epsilon / r2.squareRoot()
        for k in 0..<d { delta[i, k] *= c }
      }
      for _ in 0..<configuration.innerSteps {
        _ = forward(derivatives: true)
        gemm(coefficients, .none, network.weights, .none, into: &inputGradients)
        ascend()
      }
    }
    let adversarial = forward(derivatives: true)
    gemm(coefficients, .transpose, z, .none, into: &weightGradient, alpha: 1 / Double(n))
    let gradientNorm = norm(weightGradient.storage)
    if epochs == 0 { firstAdversarialLoss = adversarial }
    let lr = configuration.learningRate
    for (quantity, value) in [
      ("clean loss", clean), ("adversarial loss", adversarial), ("gradient norm", gradientNorm),
    ]
    where !value.isFinite {
      throw AdversarialTrainingError(epoch: epochs, quantity: quantity, value: value, learningRate: lr)
    }
    if adversarial > Self.divergenceFactor * firstAdversarialLoss {
      throw AdversarialTrainingError(epoch: epochs, quantity: "adversarial loss", value: adversarial, learningRate: lr)
    }
    axpy(-lr, weightGradient.storage, &network.weights.storage)
    epochs += 1
    return AdversarialEpoch(adversarialLoss: adversarial, cleanLoss: clean, gradientNorm: gradientNorm)
  }

  /// The largest eigenvalue of the Gauss–Newton matrix of the clean loss L(W) = (1/n)Σ ½(f(x_i) − y_i)² at
  /// the current W: (1/n)·JᵀJ, J the n × md Jacobian of the outputs. Its non-zero spectrum is that of the
  /// n × n kernel K = (1/n)·JJᵀ, K_ij = (1/n)·(x_i·x_j)·Σ_r (c·v_r)²·σ'(w_r·x_i)·σ'(w_r·x_j); gradient
  /// descent on a quadratic with this curvature is stable for learning rates below 2/λ_max.
  public func gaussNewtonLargestEigenvalue() throws(EigenError) -> Double {
    let (n, m) = (inputs.rows, network.width)
    var p = Matrix(zeros: n, m)
    gemm(inputs, .none, network.weights, .transpose, into: &p)
    var slopes = Matrix(zeros: n, m)
    for i in 0..<n {
      for r in 0..<m {
        slopes[i, r] =
          network.outputScale * network.outer[r] * network.activation.derivative(p[i, r] + (network.bias?[r] ?? 0))
      }
    }
    var units = Matrix(zeros: n, n)
    gemm(slopes, .none, slopes, .transpose, into: &units)
    var gram = Matrix(zeros: n, n)
    gemm(inputs, .none, inputs, .transpose, into: &gram)
    var kernel = Matrix(zeros: n, n)
    for i in 0..<n {
      for j in i..<n {
        // Symmetric to the last bit (the GEMMs' rounding need not be).
        let v = 0.25 * (units[i, j] + units[j, i]) * (gram[i, j] + gram[j, i]) / Double(n)
        kernel[i, j] = v
        kernel[j, i] = v
      }
    }
    return try SymmetricEigen(kernel).largest
  }

  /// Mean ½(f − y)² at Z = X + Δ; with `derivatives`, `coefficients` holds D (rows: (f_i − y_i)·c·v ⊙ σ').
  private mutating func forward(derivatives: Bool) -> Double {
    let (n, m) = (inputs.rows, network.width)
    for k in z.storage.indices { z.storage[k] = inputs.storage[k] + delta.storage[k] }
    gemm(z, .none, network.weights, .transpose, into: &pre)
    let total = network.outer.withUnsafeBufferPointer { v in
      labels.withUnsafeBufferPointer { y in
        pre.storage.withUnsafeBufferPointer { p in
          coefficients.storage.withUnsafeMutableBufferPointer { c in
            network.activation.adversarialRows(
              pre: p.baseAddress!, outer: v.baseAddress!, labels: y.baseAddress!,
              coefficients: derivatives ? c.baseAddress! : nil, rows: n, count: m, scale: network.outputScale)
          }
        }
      }
    }
    return total / Double(n)
  }

  /// Δ_i ← Π(Δ_i + step_i·G_i) row by row.
  private mutating func ascend() {
    let (n, d) = (inputs.rows, inputs.cols)
    let epsilon = configuration.radius
    let eta = configuration.innerStep
    let normalizedRule = configuration.innerRule == .normalized
    inputGradients.storage.withUnsafeBufferPointer { g in
      delta.storage.withUnsafeMutableBufferPointer { x in
        for i in 0..<n {
          let row = i * d
          var scale = eta
          if normalizedRule {
            var g2 = 0.0
            for k in 0..<d { g2 += g[row + k] * g[row + k] }
            guard g2 > 0 else { continue }
            scale = eta * epsilon / g2.squareRoot()
          }
          var r2 = 0.0
          for k in 0..<d {
            x[row + k] += scale * g[row + k]
            r2 += x[row + k] * x[row + k]
          }
          if r2 > epsilon * epsilon {
            let c = epsilon / r2.squareRoot()
            for k in 0..<d { x[row + k] *= c }
          }
        }
      }
    }
  }
}
