/// A generic minimal-ℓ2 attack on a two-layer network: the smallest δ it can
/// find with y·N(x + δ) ≤ 0, by DeepFool steps for a first flip, then
/// projected gradient descent on y·N over the ball ‖δ‖ ≤ ε with a bisection on ε,
/// each stage followed by a walk along the decision boundary towards its point
/// nearest to x (projections onto the linearised boundary).
/// It knows nothing of the data's structure, so it checks that a chosen
/// direction (e.g. Vardi et al.'s −y·u) is not an artefact.
///
/// Exact shortcut: N depends on x + δ only through W(x + δ), so a minimal δ lies
/// in the row space of W, δ = Wᵀβ, and every iterate of both methods (which start
/// at 0 and step along ∇N = Wᵀc) stays there. The attack runs on β ∈ R^m with
/// the m×m kernel K = WWᵀ: W δ = Kβ and ‖δ‖² = βᵀKβ. A step costs O(m²)
/// instead of O(m·d); K is formed once per network.
public struct FlipAttack: Sendable {
  /// Projected-gradient steps per radius tried.
  public var steps: Int
  /// The bisection on ε stops when the bracket is this narrow, relative.
  public var tolerance: Double
  /// DeepFool's overshoot past the linearised boundary.
  public var overshoot: Double
  /// Extra starts from random points of the row space (the attack is local; restarts find
  /// boundary regions the gradient at x does not point to).
  public var restarts: Int

  let net: TwoLayerNetwork
  let kernel: Matrix  // K = W Wᵀ

  public init(
    _ net: TwoLayerNetwork, steps: Int = 50, tolerance: Double = 1e-3, overshoot: Double = 0.02, restarts: Int = 8
  ) {
    precondition(steps > 0 && tolerance > 0, "FlipAttack: steps and tolerance must be positive")
    self.net = net
    self.kernel = product(net.weights, .none, net.weights, .transpose)
    self.steps = steps
    self.tolerance = tolerance
    self.overshoot = overshoot
    self.restarts = restarts
  }

  public struct Flip: Sendable {
    /// ‖δ‖ of the smallest flip found (an upper bound on the true minimal radius).
    public var radius: Double
    /// The perturbation itself (d values), verified: y·N(x + δ) ≤ 0.
    public var perturbation: [Double]
    /// The largest radius at which projected gradient descent found no flip (capped at `radius`: the
    /// attack is local, so this is evidence, not a bound).
    public var unflippedRadius: Double
  }

  /// The smallest flip found for input x with label y (±1), or nil if there is none
  /// within `maxRadius` (or x is already misclassified: then the radius is 0).
  public func minimalFlip(
    at x: [Double], label y: Double, maxRadius: Double, rng: inout RandomSource
  ) -> Flip? {
    var state = State(net: net, kernel: kernel, x: x, label: y)
    if state.margin() <= 0 {
      return Flip(radius: 0, perturbation: [Double](repeating: 0, count: x.count), unflippedRadius: 0)
    }
    // A first flip: DeepFool from δ = 0; failing that, projected descent on doubling radii.
    var best: [Double]
    var hi: Double
    var lo = 0.0
    if state.deepFool(overshoot: overshoot), state.radius() <= maxRadius {
      best = state.beta
      hi = state.radius()
    } else {
      var eps = maxRadius / 1024
      state.reset()
      while !state.descend(radius: eps, steps: steps) {
        lo = eps
        if eps >= maxRadius { return nil }
        eps = min(2 * eps, maxRadius)
        state.reset()
      }
      best = state.beta
      hi = state.radius()
    }
    state.start(from: best, radius: .infinity)
    if state.refine(), state.radius() < hi {
      best = state.beta
      hi = state.radius()
    }
    // Restarts: DeepFool and a boundary walk from random points of the row space at radius hi/2.
    for _ in 0..<restarts {
      state.start(from: rng.normals(best.count), radius: 0.5 * hi, exactly: true)
      if state.deepFool(overshoot: overshoot), state.refine(), state.radius() < hi {
        best = state.beta
        hi = state.radius()
      }
    }
    // Bisection on ε, each try warm-started from the best flip's direction.
    while hi - lo > tolerance * hi {
      let eps = 0.5 * (lo + hi)
      state.start(from: best, radius: eps)
      if state.descend(radius: eps, steps: steps) {
        best = state.beta
        hi = state.radius()
      } else {
        lo = eps
      }
    }
    state.start(from: best, radius: .infinity)
    if state.refine(), state.radius() < hi { best = state.beta }
    // Materialise δ = Wᵀβ and verify the flip on the network itself.
    let delta = product(net.weights, .transpose, best)
    var z = x
    axpy(1, delta, &z)
    guard y * net(z) <= 0 else { return nil }
    let radius = norm(delta)
    return Flip(radius: radius, perturbation: delta, unflippedRadius: min(lo, radius))
  }

  /// β with Wᵀβ the orthogonal projection of `direction` onto the row space of W (which is all of δ the
  /// network sees): the minimum-norm solution of Kβ = W·direction, by the eigenvectors of K (eigenvalues
  /// below 1e-12 of the largest are treated as 0). Computed once per network, e.g. for the universal direction.
  public func rowSpaceCoefficients(of direction: [Double]) throws -> [Double] {
    let eigen = try SymmetricEigen(kernel, vectors: true)
    let rhs = product(net.weights, .none, direction)
    let floor = 1e-12 * max(eigen.largest, 0)
    var beta = [Double](repeating: 0, count: net.width)
    for k in 0..<net.width where eigen.values[k] > floor {
      let v = eigen.vector(k)
      axpy(dot(v, rhs) / eigen.values[k], v, &beta)
    }
    return beta
  }

  /// Robustness on an ascending grid of radii: the index of the first radius ε at which projected gradient
  /// descent on y·N over the ball ‖δ‖ ≤ ε finds y·N(x + δ) ≤ 0 (a tie counts as a flip), or `radii.count`
  /// if it finds none. At each ε it starts from the previous radius's last iterate, from δ = 0, from each
  /// of `starts` (row-space coefficients, e.g. of the universal direction signed for this label; scaled
  /// to norm ε), and from `randomStarts` random points of the row space. A flip is verified on the network itself.
  /// One point at a time: the reference for the batched `firstFlips` (tests compare the two), which gives point i
  /// the stream `FlipAttack.pointStream(rng, i)`.
  public func firstFlip(
    at x: [Double], label y: Double, radii: [Double], starts: [[Double]] = [], randomStarts: Int = 1,
    rng: inout RandomSource
  ) -> Int {
    var state = State(net: net, kernel: kernel, x: x, label: y)
    if state.margin() <= 0 { return 0 }
    var warm: [Double]? = nil
    for (index, eps) in radii.enumerated() {
      var candidates: [([Double], Bool)] = []
      if let warm { candidates.append((warm, true)) }
      candidates.append(([Double](repeating: 0, count: net.width), false))
      for s in starts { candidates.append((s, true)) }
      for _ in 0..<randomStarts { candidates.append((rng.normals(net.width), true)) }
      var lowest = Double.infinity
      var lowestBeta: [Double]? = nil
      for (beta, exactly) in candidates {
        state.start(from: beta, radius: eps, exactly: exactly)
        if state.descend(radius: eps, steps: steps, incremental: true) {
          let delta = product(net.weights, .transpose, state.beta)
          var z = x
          axpy(1, delta, &z)
          if y * net(z) <= 0 { return index }
        }
        let m = state.margin()
        if m < lowest {
          lowest = m
          lowestBeta = state.beta
        }
      }
      warm = lowestBeta
    }
    return radii.count
  }
}
