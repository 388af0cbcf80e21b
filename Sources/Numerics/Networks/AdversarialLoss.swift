/// The adversary's objective at one labelled input (x, y): the quadratic loss
/// ℓ(δ) = ½·(f(x + δ) − y)² of a two-layer network f, as a function of the
/// perturbation δ.
///
///     ∇ℓ  = (f − y)·∇f,             ∇f  = c·Wᵀ(v ⊙ σ'(Wz + b))
///     ∇²ℓ = ∇f∇fᵀ + (f − y)·∇²f,    ∇²f = c·Wᵀ diag(v ⊙ σ''(Wz + b)) W,   z = x + δ, c the output scale.
///
/// `evaluate` works in buffers kept across calls (two GEMVs, no allocation);
/// `hessian` allocates and is meant for end points.
public struct AdversarialLoss: Sendable {
  public let network: TwoLayerNetwork
  public let x: [Double]
  public let target: Double
  private var z: [Double]
  private var pre: [Double]
  private var coefficient: [Double]

  public init(network: TwoLayerNetwork, x: [Double], target: Double) {
    precondition(
      x.count == network.inputDimension,
      "AdversarialLoss: x has \(x.count) entries for a network on R^\(network.inputDimension)")
    self.network = network
    self.x = x
    self.target = target
    z = x
    pre = [Double](repeating: 0, count: network.width)
    coefficient = [Double](repeating: 0, count: network.width)
  }

  public var dimension: Int { x.count }

  /// f(x + δ).
  public mutating func output(at delta: [Double]) -> Double {
    forward(delta, derivatives: false)
  }

  /// ℓ(δ).
  public mutating func value(at delta: [Double]) -> Double {
    let r = output(at: delta) - target
    return 0.5 * r * r
  }

  /// ℓ(δ), with ∇ℓ(δ) written into `gradient` (length d). Also returns f(x + δ).
  @discardableResult
  public mutating func evaluate(at delta: [Double], gradient: inout [Double]) -> (loss: Double, output: Double) {
    let f = forward(delta, derivatives: true)
    let residual = f - target
    // ∇ℓ = residual · Wᵀ (c·v ⊙ σ'), the coefficients already hold c·v ⊙ σ'.
    gemv(network.weights, .transpose, coefficient, into: &gradient, alpha: residual)
    return (0.5 * residual * residual, f)
  }

  /// ∇²ℓ(δ) = ∇f∇fᵀ + (f − y)·∇²f (d×d).
  public func hessian(at delta: [Double]) -> Matrix {
    var point = x
    axpy(1, delta, &point)
    let f = network(point)
    let g = network.inputGradient(point)
    let second = network.inputHessian(point)
    let residual = f - target
    let d = dimension
    // Symmetric to the last bit (the GEMM's rounding is not).
    var h = Matrix(zeros: d, d)
    for i in 0..<d {
      for j in i..<d {
        let v = residual * 0.5 * (second[i, j] + second[j, i]) + g[i] * g[j]
        h[i, j] = v
        h[j, i] = v
      }
    }
    return h
  }

  /// f(x + δ); with `derivatives`, `coefficient` holds c·v_r·σ'(w_r·z + b_r).
  private mutating func forward(_ delta: [Double], derivatives: Bool) -> Double {
    precondition(delta.count == dimension, "AdversarialLoss: δ has \(delta.count) entries, not \(dimension)")
    let d = dimension
    x.withUnsafeBufferPointer { px in
      delta.withUnsafeBufferPointer { pd in
        z.withUnsafeMutableBufferPointer { pz in
          for k in 0..<d { pz[k] = px[k] + pd[k] }
        }
      }
    }
    gemv(network.weights, .none, z, into: &pre)
    let scale = network.outputScale
    let sigma = network.activation
    let m = network.width
    // One vectorised kernel call (σ chosen once): Σ v_r·σ(u_r + b_r), and the coefficients with the slopes.
    let sum = network.outer.withUnsafeBufferPointer { v in
      pre.withUnsafeBufferPointer { p in
        (network.bias ?? []).withUnsafeBufferPointer { b in
          let b = network.bias == nil ? nil : b.baseAddress
          if derivatives {
            return coefficient.withUnsafeMutableBufferPointer { c in
              sigma.weightedSum(v.baseAddress!, p.baseAddress!, b, slopes: c.baseAddress!, scale: scale, count: m)
            }
          }
          return sigma.weightedSum(v.baseAddress!, p.baseAddress!, b, count: m)
        }
      }
    }
    return scale * sum
  }
}
