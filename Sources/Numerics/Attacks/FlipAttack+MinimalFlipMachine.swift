extension FlipAttack {
  /// `minimalFlip` for one input as a state machine that stops wherever it needs a product with K: `pending` says
  /// which (q = Kβ or kc = Kc of `state`), the driver forms it (a gemv for one point, one GEMM for a batch:
  /// `minimalFlips`) and calls `resume()`. Every decision is the machine's own, so a point's result depends only
  /// on its input, label, reach and stream, and the per-point and batched attacks differ only by the rounding of
  /// the products.
  ///
  /// The stages, as in the description of `minimalFlip`: DeepFool from 0 (failing that, projected descent on
  /// doubling radii), a boundary walk, `restarts` random starts (DeepFool and a walk each), a bisection on ε (each
  /// try a projected descent warm-started from the best flip), a last walk. Every Kc starts a stage in full and
  /// is then updated by the units that switched while few did (`State.updateProduct`, ReLU only).
  struct MinimalFlipMachine {
    enum Request { case q, kc }
    enum Stage {
      case firstDeepFool, doubling, firstWalk, restartStart, restartDeepFool, restartWalk, bisect, finalWalk
    }
    enum Procedure { case deepFool, descend, walk, start }

    let attack: FlipAttack
    var state: State
    var rng = RandomSource(seed: 0)
    var maxRadius = 0.0
    var pending: Request? = nil
    /// The attack has ended: `found` (the flip's coefficients in `best`), `zeroRadius` (already misclassified), or
    /// neither (no flip within the reach).
    var finished = false
    var zeroRadius = false
    var found = false
    var stage = Stage.firstDeepFool
    var procedure = Procedure.deepFool
    var best: [Double]
    var hi = 0.0
    var lo = 0.0
    var eps = 0.0
    var restart = 0
    // The running procedure's counters.
    var k = 0
    var target = 0.0  // descend's ε; a start's ε
    var exactly = false
    var fraction = 1.0
    var radius2 = 0.0
    var h = 0.0  // the margin y·N of the iteration waiting for its product
    var keptBeta: [Double]
    var keptQ: [Double]

    init(attack: FlipAttack, inputs d: Int) {
      self.attack = attack
      state = State(net: attack.net, kernel: attack.kernel, x: [Double](repeating: 0, count: d), label: 1)
      best = state.beta
      keptBeta = best
      keptQ = best
    }

    /// A new point: runs to its first product request (or to the end, for a point already misclassified).
    mutating func begin(_ x: [Double], label y: Double, maxRadius r: Double, rng stream: RandomSource) {
      state.load(x, label: y)
      rng = stream
      maxRadius = r
      pending = nil
      finished = false
      found = false
      zeroRadius = false
      lo = 0
      restart = 0
      if state.margin() <= 0 {
        zeroRadius = true
        finished = true
        return
      }
      stage = .firstDeepFool
      enter(.deepFool)
      run()
    }

    /// After the pending product was written into `state.q` or `state.kc`: runs to the next request or the end.
    mutating func resume() {
      if pending == .kc { state.formed() }
      pending = nil
      run(afterProduct: true)
    }

    mutating func enter(_ p: Procedure) {
      procedure = p
      k = 0
    }

    /// Starts a procedure that begins with q = Kβ for β = `from`.
    mutating func start(from b: [Double], radius: Double, exactly e: Bool) {
      copy(b, into: &state.beta)
      target = radius
      exactly = e
      enter(.start)
    }

    /// y·N and c at the current q; then Kc by the switched units if the shortcut applies (true), else a request.
    mutating func slopesAndProduct() -> (margin: Double, ready: Bool) {
      let f = state.marginAndSlopes()
      if k > 0 && state.updateProduct() { return (f, true) }
      return (f, false)
    }

    /// Runs the current procedure; when it ends, `finish` picks the next one, until a product is needed or the
    /// attack has ended.
    mutating func run(afterProduct: Bool = false) {
      var product = afterProduct
      while !finished {
        switch procedure {
        case .start:
          if !product {
            pending = .q
            return
          }
          product = false
          state.scale(to: target, exactly: exactly)
          finish(true)
        case .deepFool:
          if product {
            product = false
            let g2 = dot(state.c, state.kc)
            guard g2 > 0 else {
              finish(false)
              continue
            }
            let t = (1 + attack.overshoot) * h / g2
            axpy(-t, state.c, &state.beta)
            axpy(-t, state.kc, &state.q)
            k += 1
          }
          if k == 50 {
            finish(state.margin() <= 0)
            continue
          }
          let (f, ready) = slopesAndProduct()
          if f <= 0 {
            finish(true)
            continue
          }
          h = f
          if !ready {
            pending = .kc
            return
          }
          product = true
        case .descend:
          if product {
            product = false
            let g2 = dot(state.c, state.kc)
            guard g2 > 0 else {
              finish(false)
              continue
            }
            state.step(g2: g2, radius: target, steps: attack.steps)
            k += 1
          }
          if k == attack.steps {
            finish(state.margin() <= 0)
            continue
          }
          let (f, ready) = slopesAndProduct()
          if f <= 0 {
            finish(true)
            continue
          }
          if !ready {
            pending = .kc
            return
          }
          product = true
        case .walk:
          if !walk(product: &product) { return }
        }
      }
    }

    /// One pass of `State.refine` (the boundary walk): false when it waits for a product.
    mutating func walk(product: inout Bool) -> Bool {
      if k == 0 && !product {
        guard state.margin() <= 0 else {
          finish(false)
          return true
        }
        radius2 = dot(state.beta, state.q)
        copy(state.beta, into: &keptBeta)
        copy(state.q, into: &keptQ)
        fraction = 1
      }
      if product {
        product = false
        let g2 = dot(state.c, state.kc)
        if g2 > 0 {
          let t = (1 + 1e-6) * (dot(state.c, state.q) - h) / g2
          for j in state.beta.indices {
            state.beta[j] = keptBeta[j] + fraction * (t * state.c[j] - keptBeta[j])
            state.q[j] = keptQ[j] + fraction * (t * state.kc[j] - keptQ[j])
          }
          let r2 = dot(state.beta, state.q)
          if state.margin() <= 0 && r2 < radius2 * (1 - 1e-12) {
            radius2 = r2
            copy(state.beta, into: &keptBeta)
            copy(state.q, into: &keptQ)
            fraction = min(1, 2 * fraction)
          } else {
            copy(keptBeta, into: &state.beta)
            copy(keptQ, into: &state.q)
            fraction *= 0.5
          }
        } else {
          fraction = 0  // the walk ends
        }
      }
      if k < 40 && fraction > 1e-3 {
        let (f, ready) = slopesAndProduct()
        k += 1
        h = f
        product = true
        if !ready {
          pending = .kc
          return false
        }
        return true
      }
      copy(keptBeta, into: &state.beta)
      copy(keptQ, into: &state.q)
      finish(state.margin() <= 0)
      return true
    }
  }
}
