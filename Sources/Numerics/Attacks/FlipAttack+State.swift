import CBLAS

extension FlipAttack {
  /// The attack's working set for one input: β, q = Kβ, and the buffers of one step.
  ///
  /// The products with K are the only O(m²) work; everything else is O(m). `descend` and `start` do their own
  /// product (a gemv); the batched attacks (`FirstFlipBatch`, `MinimalFlipBatch`) instead fill q or kc from one GEMM
  /// over many states and call the O(m) halves (`marginAndSlopes`, `step`, `scale`), so both run the same
  /// arithmetic around the product.
  struct State {
    let kernel: Matrix
    let net: TwoLayerNetwork
    var offset: [Double]  // Wx + b
    let outer: [Double]
    let activation: Activation
    let scale: Double
    var label: Double
    var beta: [Double]
    var q: [Double]
    var c: [Double]
    var kc: [Double]
    /// The slopes kc = K·`applied` was formed from, while `productValid` (see `updateProduct`).
    var applied: [Double]
    var productValid = false
    var changedUnits: [Int] = []

    init(net: TwoLayerNetwork, kernel: Matrix, x: [Double], label: Double) {
      self.kernel = kernel
      self.net = net
      offset = [Double](repeating: 0, count: net.width)
      outer = net.outer
      activation = net.activation
      scale = net.outputScale
      self.label = label
      beta = offset
      q = offset
      c = offset
      kc = offset
      applied = offset
      changedUnits.reserveCapacity(net.width / 8 + 1)
      load(x, label: label)
    }

    /// A new input in the same buffers: offset = Wx + b (a gemv), β = q = 0.
    mutating func load(_ x: [Double], label y: Double) {
      gemv(net.weights, .none, x, into: &offset)
      if let b = net.bias { axpy(1, b, &offset) }
      label = y
      reset()
    }

    mutating func reset() {
      productValid = false
      for j in beta.indices {
        beta[j] = 0
        q[j] = 0
      }
    }

    /// β ← `from`, scaled down to norm `radius` in δ-space if longer (to exactly `radius` if `exactly`); q = Kβ.
    mutating func start(from b: [Double], radius eps: Double, exactly: Bool = false) {
      beta = b
      gemv(kernel, .none, beta, into: &q)
      scale(to: eps, exactly: exactly)
    }

    /// The second half of `start`, once q = Kβ: β and q scaled down to norm `eps` if longer (to exactly `eps`
    /// if `exactly`).
    mutating func scale(to eps: Double, exactly: Bool) {
      let r = radius()
      if r > eps || (exactly && r > 0) {
        let f = eps / r
        for j in beta.indices {
          beta[j] *= f
          q[j] *= f
        }
      }
    }

    /// ‖δ‖ = √(βᵀKβ).
    func radius() -> Double { max(0, dot(beta, q)).squareRoot() }

    /// y·N(x + δ).
    func margin() -> Double {
      var s = 0.0
      for j in offset.indices { s += outer[j] * activation.value(offset[j] + q[j]) }
      return label * scale * s
    }

    /// c = y·∂N/∂(Wδ) at the current q.
    mutating func fillSlopes() {
      for j in offset.indices { c[j] = label * scale * outer[j] * activation.derivative(offset[j] + q[j]) }
    }

    /// y·N(x + δ) and c, as `margin()` and `fillSlopes()` compute them (the same operations in the same order),
    /// in one pass over the units, with ReLU's branch out of the loop: the batched attack's O(m) work per step.
    mutating func marginAndSlopes() -> Double {
      let f = label * scale
      var s = 0.0
      let relu = activation == .relu
      offset.withUnsafeBufferPointer { a in
        q.withUnsafeBufferPointer { b in
          outer.withUnsafeBufferPointer { v in
            c.withUnsafeMutableBufferPointer { c in
              if relu {
                for j in 0..<a.count {
                  let z = a[j] + b[j]
                  s += v[j] * (z > 0 ? z : 0)
                  c[j] = f * v[j] * (z > 0 ? 1 : 0)
                }
              } else {
                for j in 0..<a.count {
                  let z = a[j] + b[j]
                  s += v[j] * activation.value(z)
                  c[j] = f * v[j] * activation.derivative(z)
                }
              }
            }
          }
        }
      }
      return f * s
    }

    /// Exact shortcut for ReLU: c_j is y·s·v_j on the active units and 0 elsewhere, so between two steps Kc
    /// changes only by the columns of K (its rows: K is symmetric) of the units that switched on or off:
    /// kc += (c_j − c_j,before)·K[j, :] over those, O(m) each instead of the O(m²) product. False (kc untouched)
    /// when there is no previous product, the activation is not ReLU, or more than m/8 units switched: then the
    /// caller forms Kc in full and calls `formed()`. The same decision per point whether it is attacked alone or
    /// in a batch, so the two differ only by the rounding of the full products.
    mutating func updateProduct() -> Bool {
      guard productValid, activation == .relu else { return false }
      let m = c.count
      let limit = m / 8
      changedUnits.removeAll(keepingCapacity: true)
      for j in 0..<m where c[j] != applied[j] {
        if changedUnits.count == limit { return false }
        changedUnits.append(j)
      }
      kernel.storage.withUnsafeBufferPointer { k in
        kc.withUnsafeMutableBufferPointer { out in
          for j in changedUnits {
            cblas_daxpy(Int32(m), c[j] - applied[j], k.baseAddress! + j * m, 1, out.baseAddress, 1)
          }
        }
      }
      for j in changedUnits { applied[j] = c[j] }
      return true
    }

    /// kc = Kc was formed in full: the base of the next `updateProduct`.
    mutating func formed() {
      c.withUnsafeBufferPointer { from in
        applied.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: from.baseAddress!, count: from.count) }
      }
      productValid = true
    }

    /// Normalised projected gradient descent on y·N over ‖δ‖ ≤ ε; true once y·N ≤ 0. Kc is formed in full at the
    /// first step and then updated by the units that switched (`updateProduct`) while few did (`firstFlip`; the
    /// batched `firstFlips` and `MinimalFlipMachine` run the same steps around their own products).
    mutating func descend(radius eps: Double, steps: Int) -> Bool {
      for k in 0..<steps {
        if margin() <= 0 { return true }
        fillSlopes()
        if k == 0 || !updateProduct() {
          gemv(kernel, .none, c, into: &kc)
          formed()
        }
        let g2 = dot(c, kc)
        guard g2 > 0 else { return false }
        step(g2: g2, radius: eps, steps: steps)
      }
      return margin() <= 0
    }

    /// One step of `descend`, once c, kc = Kc and g2 = cᵀKc > 0 are known: a normalised step of length
    /// 2.5·ε/steps along −∇, then the projection onto the ball ‖δ‖ ≤ ε.
    mutating func step(g2: Double, radius eps: Double, steps: Int) {
      let alpha = 2.5 * eps / Double(steps)
      let t = alpha / g2.squareRoot()
      axpy(-t, c, &beta)
      axpy(-t, kc, &q)
      let r = radius()
      if r > eps {
        let f = eps / r
        for j in beta.indices {
          beta[j] *= f
          q[j] *= f
        }
      }
    }
  }
}
