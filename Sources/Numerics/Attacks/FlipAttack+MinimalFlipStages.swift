/// The stage logic of `FlipAttack.MinimalFlipMachine`: what runs after each procedure ends, as in `minimalFlip`.
extension FlipAttack.MinimalFlipMachine {
  /// The procedure ended with `ok`: the stage logic of `minimalFlip` chooses what runs next.
  mutating func finish(_ ok: Bool) {
    if procedure == .start {  // q = Kβ is in: the stage's own procedure
      switch stage {
      case .firstWalk, .finalWalk: enter(.walk)
      case .restartStart:
        stage = .restartDeepFool
        enter(.deepFool)
      case .bisect:
        target = eps
        enter(.descend)
      default: preconditionFailure("MinimalFlipMachine: no start in stage \(stage)")
      }
      return
    }
    switch stage {
    case .firstDeepFool:
      if ok, state.radius() <= maxRadius {
        keepBest()
        walkFromBest(.firstWalk)
      } else {
        eps = maxRadius / 1024
        state.reset()
        stage = .doubling
        target = eps
        enter(.descend)
      }
    case .doubling:
      if ok {
        keepBest()
        walkFromBest(.firstWalk)
      } else {
        lo = eps
        if eps >= maxRadius {
          finished = true
          return
        }
        eps = min(2 * eps, maxRadius)
        state.reset()
        target = eps
        enter(.descend)
      }
    case .firstWalk, .restartWalk:
      if ok, state.radius() < hi { keepBest() }
      nextRestart()
    case .restartStart: preconditionFailure("MinimalFlipMachine: a start ends in its own stage")
    case .restartDeepFool:
      if ok {
        stage = .restartWalk
        enter(.walk)
      } else {
        nextRestart()
      }
    case .bisect:
      if ok {
        keepBest()
      } else {
        lo = eps
      }
      nextBisection()
    case .finalWalk:
      if ok, state.radius() < hi { copy(state.beta, into: &best) }
      found = true
      finished = true
    }
  }

  mutating func keepBest() {
    copy(state.beta, into: &best)
    hi = state.radius()
  }

  /// q = K·best, then a boundary walk (stage `walkStage`, entered once the product is in).
  mutating func walkFromBest(_ walkStage: Stage) {
    stage = walkStage
    start(from: best, radius: .infinity, exactly: false)
  }

  mutating func nextRestart() {
    if restart == attack.restarts {
      nextBisection()
      return
    }
    restart += 1
    stage = .restartStart
    start(from: rng.normals(best.count), radius: 0.5 * hi, exactly: true)
  }

  mutating func nextBisection() {
    if hi - lo > attack.tolerance * hi {
      eps = 0.5 * (lo + hi)
      stage = .bisect
      start(from: best, radius: eps, exactly: false)
    } else {
      stage = .finalWalk
      start(from: best, radius: .infinity, exactly: false)
    }
  }

  /// The verified flip once `finished` (δ = Wᵀβ checked on the network), or nil.
  func flip(at x: [Double]) -> FlipAttack.Flip? {
    if zeroRadius {
      return FlipAttack.Flip(radius: 0, perturbation: [Double](repeating: 0, count: x.count), unflippedRadius: 0)
    }
    guard found else { return nil }
    let delta = product(attack.net.weights, .transpose, best)
    var z = x
    axpy(1, delta, &z)
    guard state.label * attack.net(z) <= 0 else { return nil }
    let radius = norm(delta)
    return FlipAttack.Flip(radius: radius, perturbation: delta, unflippedRadius: min(lo, radius))
  }
}

/// b ← a (same length), without allocating.
@inline(__always) func copy(_ a: [Double], into b: inout [Double]) {
  a.withUnsafeBufferPointer { from in
    b.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: from.baseAddress!, count: from.count) }
  }
}
