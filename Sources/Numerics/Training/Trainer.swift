import Foundation

/// Full-batch gradient descent on a two-layer network, with every buffer
/// allocated once. In span mode the first layer is kept as W = W(0) + A·X and
/// each step costs O(m·n²) instead of O(m·n·d) (`Sources/Numerics/README.md`, "Exact shortcuts").
public final class Trainer {
  public let config: TrainingConfig
  public let mode: TrainingMode
  public private(set) var step = 0
  /// Training stops when ‖θ‖² passes this (margins ~ ‖θ‖² must stay far from overflow).
  public static let normLimit = 1e100

  private var net: TwoLayerNetwork
  private let x: Matrix  // n × d
  private let y: [Double]
  private let n: Int
  private let m: Int

  // Span mode: W = W0 + A X, P0 = X W0ᵀ, G = X Xᵀ, ‖w0_j‖².
  private var coefficients: Matrix  // A, m × n (span mode only)
  private let initialPre: Matrix  // P0, n × m
  private let gram: Matrix  // G, n × n
  private let initialRowNorms: Double  // ‖W0‖²

  // Work buffers, reused every step.
  private var pre: Matrix  // P = X Wᵀ, n × m
  private var hidden: Matrix  // σ(P + b)
  private var slope: Matrix  // σ'(P + b), then ∂L/∂P
  private var outputs: [Double]
  private var weightsOfLoss: [Double]  // r_i
  private var logLosses: [Double]
  private var outerGradient: [Double]
  private var weightGradient: Matrix  // ∂L/∂W, m × d (direct mode with a step bound only: its norm is needed)
  private var gramSlope: Matrix  // G·D, n × m (span mode only: ‖DᵀX‖² = Σ D ∘ GD)
  private var currentSquaredNorm = 0.0
  /// Flow time and normalised margin at every step, for the convergence test.
  private var flowTimes: [Double] = []
  private var margins: [Double] = []
  /// The flow time reached.
  public private(set) var flowTime = 0.0
  /// The step size of each step (η, grown, or shortened by the bound), and where the steps went.
  private var growth: StepGrowth

  public init(network: TwoLayerNetwork, inputs: Matrix, labels: [Double], config: TrainingConfig) {
    precondition(
      inputs.cols == network.inputDimension && labels.count == inputs.rows, "Trainer: data and network do not fit")
    self.config = config
    self.net = network
    self.x = inputs
    self.y = labels
    self.n = inputs.rows
    self.m = network.width
    switch config.mode {
    case .automatic: mode = inputs.rows < inputs.cols ? .span : .direct
    default: mode = config.mode
    }
    if mode == .span {
      coefficients = Matrix(zeros: m, n)
      initialPre = product(inputs, .none, network.weights, .transpose)
      gram = product(inputs, .none, inputs, .transpose)
      initialRowNorms = network.weights.squaredNorm
    } else {
      coefficients = Matrix(zeros: 0, 0)
      initialPre = Matrix(zeros: 0, 0)
      gram = Matrix(zeros: 0, 0)
      initialRowNorms = 0
    }
    pre = Matrix(zeros: n, m)
    hidden = Matrix(zeros: n, m)
    slope = Matrix(zeros: n, m)
    outputs = [Double](repeating: 0, count: n)
    weightsOfLoss = [Double](repeating: 0, count: n)
    logLosses = [Double](repeating: 0, count: n)
    outerGradient = [Double](repeating: 0, count: m)
    let bounded = mode == .direct && config.maxRelativeChange != nil
    weightGradient = Matrix(zeros: bounded ? m : 0, bounded ? inputs.cols : 0)
    gramSlope = Matrix(zeros: mode == .span ? n : 0, mode == .span ? m : 0)
    growth = StepGrowth(config: config, samples: n)
    let history = min(config.maxSteps + 1, 1 << 20)
    flowTimes.reserveCapacity(history)
    margins.reserveCapacity(history)
  }

  /// The current network (in span mode W is materialised: one GEMM).
  public var network: TwoLayerNetwork {
    guard mode == .span else { return net }
    var current = net
    current.weights = net.weights
    gemm(coefficients, .none, x, .none, into: &current.weights, alpha: 1, beta: 1)
    return current
  }

  /// Runs until the step budget or the target normalised margin; `observe` sees
  /// each snapshot (before the update of that step) and may look at the trainer.
  @discardableResult
  public func run(observe: ((TrainingSnapshot, Trainer) -> Void)? = nil) throws -> TrainingReport {
    while true {
      var snap = try evaluate()
      flowTimes.append(flowTime)
      margins.append(snap.normalizedMargin)
      snap.flowTime = flowTime
      // Checked every 100 steps and at the budget (it looks back over half the run).
      if step % 100 == 0 || step >= config.maxSteps { snap.marginChange = marginChange() }
      observe?(snap, self)
      if let target = config.targetNormalizedMargin, config.loss.isMarginLoss, snap.normalizedMargin >= target {
        return finish(snap, .targetMargin)
      }
      if let tol = config.convergenceTolerance, config.loss.isMarginLoss, snap.accuracy == 1,
        snap.normalizedMargin > 0, snap.marginChange <= tol
      {
        return finish(snap, .marginConverged)
      }
      if snap.squaredNorm > Trainer.normLimit {
        guard config.loss.isMarginLoss, snap.accuracy == 1 else {
          throw TrainingError(step: step, logLoss: .infinity)
        }
        return finish(snap, .normLimit)
      }
      if step >= config.maxSteps {
        return finish(snap, .stepBudget)
      }
      update()
      step += 1
    }
  }

  /// The report, with the final snapshot's margin change measured.
  private func finish(_ snap: TrainingSnapshot, _ reason: StopReason) -> TrainingReport {
    var final = snap
    if final.marginChange.isNaN { final.marginChange = marginChange() }
    return TrainingReport(
      final: final, stopReason: reason, mode: mode, boundSteps: growth.boundSteps, grownSteps: growth.grownSteps)
  }

  /// How far the normalised margin moved over the second half of the flow time so far: the largest
  /// |γ_k − γ(τ)| / |γ(τ)| over the steps k with τ_k ≥ τ/2 (NaN at τ = 0). The largest deviation, not
  /// the change between the ends: the early-phase margin rises, dips and rises again, and two equal
  /// ends of a moving stretch are not convergence. O(steps) per call: `run` calls it every 100 steps.
  private func marginChange() -> Double {
    guard flowTime > 0, let now = margins.last else { return .nan }
    // The last recorded step at or before τ/2 (flow times increase; step 0 has τ = 0).
    var lo = 0
    var hi = flowTimes.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if flowTimes[mid] <= flowTime / 2 { lo = mid } else { hi = mid - 1 }
    }
    var largest = 0.0
    for k in lo..<margins.count { largest = max(largest, abs(margins[k] - now)) }
    return largest / abs(now)
  }

  /// Forward pass at the current θ: fills the buffers and returns the metrics.
  func evaluate() throws -> TrainingSnapshot {
    // Pre-activations.
    if mode == .span {
      pre.storage.withUnsafeMutableBufferPointer { p in
        initialPre.storage.withUnsafeBufferPointer { p0 in
          p.baseAddress!.update(from: p0.baseAddress!, count: n * m)
        }
      }
      gemm(gram, .none, coefficients, .transpose, into: &pre, alpha: 1, beta: 1)
    } else {
      gemm(x, .none, net.weights, .transpose, into: &pre)
    }
    // σ and σ' in one pass (a vectorised kernel, bit for bit `value` and `derivative`).
    let act = net.activation
    let bias = net.bias
    pre.storage.withUnsafeBufferPointer { p in
      hidden.storage.withUnsafeMutableBufferPointer { h in
        slope.storage.withUnsafeMutableBufferPointer { s in
          (bias ?? []).withUnsafeBufferPointer { b in
            let b = bias == nil ? nil : b.baseAddress
            for i in 0..<n {
              act.valuesAndDerivatives(
                p.baseAddress! + i * m, bias: b, values: h.baseAddress! + i * m, derivatives: s.baseAddress! + i * m,
                count: m)
            }
          }
        }
      }
    }
    gemv(hidden, .none, net.outer, into: &outputs, alpha: net.outputScale)

    // Loss, margins, and the per-example weights r_i of the gradient.
    let loss = config.loss
    var minMargin = Double.infinity
    var correct = 0
    var maxLog = -Double.infinity
    for i in 0..<n {
      let q = y[i] * outputs[i]
      minMargin = min(minMargin, q)
      if q > 0 { correct += 1 }
      logLosses[i] = loss.logValue(outputs[i], y[i])
      maxLog = max(maxLog, logLosses[i])
    }
    var sum = 0.0
    for i in 0..<n { sum += exp(logLosses[i] - maxLog) }
    let logTotal = maxLog + log(sum)  // log Σ ℓ_i
    let logMean = logTotal - log(Double(n))
    guard logMean.isFinite || logMean == -.infinity, outputs.allSatisfy(\.isFinite) else {
      throw TrainingError(step: step, logLoss: logMean.isNaN ? .nan : .infinity)
    }
    growth.observe(outputs, fitted: correct == n)
    for i in 0..<n {
      switch config.rule {
      case .plain:
        weightsOfLoss[i] = loss.derivative(outputs[i], y[i]) / Double(n)
      case .lossNormalized, .lyuLi:
        // ℓ'_i / Σ_k ℓ_k, in the log domain so it survives when every ℓ underflows.
        weightsOfLoss[i] =
          loss.derivativeSign(outputs[i], y[i]) * exp(loss.logAbsDerivative(outputs[i], y[i]) - logTotal)
        if config.rule == .lyuLi {
          let logInverse = max(1, -logMean)
          weightsOfLoss[i] /= logInverse * logInverse
        }
      }
    }
    currentSquaredNorm = squaredNorm()
    return TrainingSnapshot(
      step: step, loss: exp(logMean), logLoss: logMean, minMargin: minMargin,
      squaredNorm: currentSquaredNorm, accuracy: Double(correct) / Double(n))
  }

  /// ‖θ‖² from the current buffers (span mode: ‖w_j‖² = ‖w0_j‖² + Σ_i A_ji (P0_ij + P_ij)).
  private func squaredNorm() -> Double {
    var total = dot(net.outer, net.outer) + (net.bias.map { dot($0, $0) } ?? 0)
    if mode == .span {
      var s = initialRowNorms
      for j in 0..<m {
        for i in 0..<n { s += coefficients[j, i] * (initialPre[i, j] + pre[i, j]) }
      }
      total += s
    } else {
      total += net.weights.squaredNorm
    }
    return total
  }

  /// One gradient step from the buffers `evaluate()` filled.
  private func update() {
    let scale = net.outputScale
    // ∂L/∂v = scale · Hᵀ r (from the old θ).
    if net.trainsOuter { gemv(hidden, .transpose, weightsOfLoss, into: &outerGradient, alpha: scale) }
    // ∂L/∂P_ij = r_i · scale · v_j · σ'(P_ij).
    let v = net.outer
    slope.storage.withUnsafeMutableBufferPointer { s in
      for i in 0..<n {
        let ri = weightsOfLoss[i] * scale
        for j in 0..<m { s[i * m + j] *= ri * v[j] }
      }
    }
    // The step: η (grown late if allowed), shortened so that ‖Δθ‖ ≤ ρ‖θ‖ when a bound ρ is set.
    let eta = growth.next(gradient: gradientNorm, norm: currentSquaredNorm.squareRoot())
    flowTime += eta
    if net.bias != nil {
      for j in 0..<m {
        var g = 0.0
        for i in 0..<n { g += slope[i, j] }
        net.bias![j] -= eta * g
      }
    }
    if mode == .direct {
      if config.maxRelativeChange == nil {
        // W −= η Dᵀ X in one GEMM.
        gemm(slope, .transpose, x, .none, into: &net.weights, alpha: -eta, beta: 1)
      } else {
        // The bound needed ∂L/∂W's norm: gradientNorm left it in `weightGradient`.
        axpy(-eta, weightGradient.storage, &net.weights.storage)
      }
    } else {
      // W −= η Dᵀ X  ⇔  A −= η Dᵀ.
      coefficients.storage.withUnsafeMutableBufferPointer { a in
        slope.storage.withUnsafeBufferPointer { s in
          for j in 0..<m {
            for i in 0..<n { a[j * n + i] -= eta * s[i * m + j] }
          }
        }
      }
    }
    if net.trainsOuter { axpy(-eta, outerGradient, &net.outer) }
  }

  /// ‖∇L‖ over the trained parameters, from the buffers of this step (direct mode: fills `weightGradient`).
  private func gradientNorm() -> Double {
    var total = net.trainsOuter ? dot(outerGradient, outerGradient) : 0
    if net.bias != nil {
      for j in 0..<m {
        var g = 0.0
        for i in 0..<n { g += slope[i, j] }
        total += g * g
      }
    }
    if mode == .span {
      // ‖Dᵀ X‖² = tr(Dᵀ G D) = Σ D ∘ (G D).
      gemm(gram, .none, slope, .none, into: &gramSlope)
      total += dot(slope.storage, gramSlope.storage)
    } else {
      gemm(slope, .transpose, x, .none, into: &weightGradient)
      total += weightGradient.squaredNorm
    }
    return total.squareRoot()
  }
}
