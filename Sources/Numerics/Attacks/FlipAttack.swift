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
  /// One point at a time (`MinimalFlipMachine` with a gemv per product): the reference for the batched
  /// `minimalFlips`, which gives point i the stream `FlipAttack.pointStream(rng, i)` (tests compare the two).
  public func minimalFlip(
    at x: [Double], label y: Double, maxRadius: Double, rng: inout RandomSource
  ) -> Flip? {
    var machine = MinimalFlipMachine(attack: self, inputs: x.count)
    machine.begin(x, label: y, maxRadius: maxRadius, rng: rng)
    while let request = machine.pending {
      switch request {
      case .q: gemv(kernel, .none, machine.state.beta, into: &machine.state.q)
      case .kc: gemv(kernel, .none, machine.state.c, into: &machine.state.kc)
      }
      machine.resume()
    }
    rng = machine.rng
    return machine.flip(at: x)
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
        if state.descend(radius: eps, steps: steps) {
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
