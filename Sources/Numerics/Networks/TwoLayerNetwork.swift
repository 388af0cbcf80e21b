import Foundation

/// N(x) = scale · Σ_j v_j σ(w_j·x + b_j), with W the m×d matrix of rows w_j.
///
/// Variants: optional hidden bias b; second layer trained or fixed; output
/// scale 1 or 1/√m. Without bias and with ReLU the network is 2-homogeneous
/// in θ = (W, v), the setting of the max-margin results.
public struct TwoLayerNetwork: Sendable, Equatable {
  public var weights: Matrix  // W, m × d
  public var bias: [Double]?  // b, m (nil: no bias)
  public var outer: [Double]  // v, m
  public var activation: Activation
  public var outputScale: Double
  public var trainsOuter: Bool

  public var width: Int { weights.rows }
  public var inputDimension: Int { weights.cols }

  public init(
    weights: Matrix, bias: [Double]? = nil, outer: [Double], activation: Activation,
    outputScale: Double = 1, trainsOuter: Bool = true
  ) {
    precondition(
      outer.count == weights.rows, "TwoLayerNetwork: v has \(outer.count) entries for \(weights.rows) hidden units")
    if let bias {
      precondition(
        bias.count == weights.rows, "TwoLayerNetwork: b has \(bias.count) entries for \(weights.rows) hidden units")
    }
    self.weights = weights
    self.bias = bias
    self.outer = outer
    self.activation = activation
    self.outputScale = outputScale
    self.trainsOuter = trainsOuter
  }

  /// Gaussian initialisation: w_j ~ N(0, (initScale²/d)·I), v_j ~ N(0, initScale²/m) (or ±initScale/√m,
  /// "balanced", when `balanced`: |v_j| = ‖w_j‖), b_j = 0 when `bias`.
  public static func random(
    inputs d: Int, width m: Int, activation: Activation, initScale: Double, bias: Bool = false,
    balanced: Bool = false, outputScale: Double = 1, trainsOuter: Bool = true,
    using rng: inout RandomSource
  ) -> TwoLayerNetwork {
    let w = rng.normalMatrix(m, d, sd: initScale / Double(d).squareRoot())
    var v = rng.normals(m, sd: initScale / Double(m).squareRoot())
    if balanced {
      for j in 0..<m {
        let r = norm(w.row(j))
        v[j] = v[j] >= 0 ? r : -r
      }
    }
    return TwoLayerNetwork(
      weights: w, bias: bias ? [Double](repeating: 0, count: m) : nil, outer: v,
      activation: activation, outputScale: outputScale, trainsOuter: trainsOuter)
  }

  /// ‖θ‖² = ‖W‖² + ‖v‖² (+ ‖b‖²), counting only trained parameters except W, which always is.
  public var squaredParameterNorm: Double {
    weights.squaredNorm + dot(outer, outer) + (bias.map { dot($0, $0) } ?? 0)
  }

  /// Outputs on the rows of X (n×d). One GEMM for the pre-activations.
  public func callAsFunction(_ x: Matrix) -> [Double] {
    var pre = product(x, .none, weights, .transpose)  // n × m
    return outputs(fromPreactivations: &pre)
  }

  /// Output on one input.
  public func callAsFunction(_ x: [Double]) -> Double {
    var p = product(weights, .none, x)
    if let bias { axpy(1, bias, &p) }
    var s = 0.0
    for j in 0..<width { s += outer[j] * activation.value(p[j]) }
    return outputScale * s
  }

  /// Outputs from pre-activations P (n×m, bias not yet added); P is overwritten with σ(P + b).
  public func outputs(fromPreactivations pre: inout Matrix) -> [Double] {
    applyActivation(&pre)
    var f = [Double](repeating: 0, count: pre.rows)
    gemv(pre, .none, outer, into: &f, alpha: outputScale)
    return f
  }

  func applyActivation(_ pre: inout Matrix) {
    let m = width
    pre.storage.withUnsafeMutableBufferPointer { p in
      for i in 0..<pre.rows {
        for j in 0..<m {
          p[i * m + j] = activation.value(p[i * m + j] + (bias?[j] ?? 0))
        }
      }
    }
  }

  /// ∇_x N at x: scale · Wᵀ (v ⊙ σ'(Wx + b)).
  public func inputGradient(_ x: [Double]) -> [Double] {
    var p = product(weights, .none, x)
    for j in 0..<width { p[j] = outputScale * outer[j] * activation.derivative(p[j] + (bias?[j] ?? 0)) }
    return product(weights, .transpose, p)
  }

  /// ∇²_x N at x: scale · Wᵀ diag(v ⊙ σ''(Wx + b)) W (d×d).
  public func inputHessian(_ x: [Double]) -> Matrix {
    let p = product(weights, .none, x)
    var scaled = weights
    for j in 0..<width {
      let c = outputScale * outer[j] * activation.secondDerivative(p[j] + (bias?[j] ?? 0))
      for k in 0..<inputDimension { scaled[j, k] *= c }
    }
    return product(weights, .transpose, scaled, .none)
  }
}

/// Gradient of a training loss with respect to the parameters, shaped like them.
public struct ParameterGradient: Sendable, Equatable {
  public var weights: Matrix
  public var bias: [Double]?
  public var outer: [Double]
}

extension TwoLayerNetwork {
  /// The mean loss (1/n) Σ ℓ(N(x_i), y_i) and its gradient in θ, by one forward and one backward GEMM.
  /// A reference implementation for checks; the trainer uses preallocated buffers instead.
  public func lossAndGradient(_ x: Matrix, _ y: [Double], loss: Loss) -> (loss: Double, gradient: ParameterGradient) {
    let n = x.rows
    let m = width
    let pre = product(x, .none, weights, .transpose)
    var hidden = pre
    let f = outputs(fromPreactivations: &hidden)
    var total = 0.0
    var r = [Double](repeating: 0, count: n)
    for i in 0..<n {
      total += loss.value(f[i], y[i])
      r[i] = loss.derivative(f[i], y[i]) / Double(n)
    }
    var dPre = Matrix(zeros: n, m)
    for i in 0..<n {
      for j in 0..<m {
        dPre[i, j] = r[i] * outputScale * outer[j] * activation.derivative(pre[i, j] + (bias?[j] ?? 0))
      }
    }
    let gw = product(dPre, .transpose, x, .none)
    var gv = [Double](repeating: 0, count: m)
    if trainsOuter { gemv(hidden, .transpose, r, into: &gv, alpha: outputScale) }
    let gb: [Double]? = bias == nil ? nil : (0..<m).map { j in (0..<n).reduce(0) { $0 + dPre[$1, j] } }
    return (total / Double(n), ParameterGradient(weights: gw, bias: gb, outer: gv))
  }
}
