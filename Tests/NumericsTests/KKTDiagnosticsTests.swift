import Testing

@testable import Numerics

@Suite struct KKTDiagnosticsTests {
  /// Two orthogonal points of norm a with opposite labels and one unit aligned with each,
  /// balanced: θ = Σ λ_i y_i ∇N(x_i) holds exactly with λ_i = 1/a, so the residual is 0.
  @Test func handBuiltKKTPointHasZeroResidual() {
    let (a, c) = (3.0, 0.7)
    let x = Matrix(rowVectors: [[a, 0, 0], [0, a, 0]])
    let w = Matrix(rowVectors: [[c * a, 0, 0], [0, c * a, 0]])
    let net = TwoLayerNetwork(weights: w, outer: [c * a, -c * a], activation: .relu)
    let k = KKTDiagnostics(net, inputs: x, labels: [1, -1])
    #expect(k.relativeResidual < 1e-12)
    #expect(k.fractionOnMargin == 1)
    #expect(k.balancedness < 1e-15)
    #expect(abs(k.complementarity) < 1e-12)
    #expect(k.normalizedMargins.allSatisfy { abs($0 - 1) < 1e-12 })
    // Margin-normalised: θ̃ = θ/√γ with γ = c²a³; λ̃_i = 1/a · ... : check θ̃ = Σ λ_i y_i ∇N̂(x_i) directly.
    #expect(k.multipliers.allSatisfy { $0 > 0 })
  }

  /// The Gram-matrix shortcut against the explicit Jacobian: same λ and same residual.
  @Test func gramShortcutMatchesExplicitJacobian() throws {
    var rng = RandomSource(seed: 21)
    let (n, d, m) = (5, 7, 12)
    let x = rng.normalMatrix(n, d)
    var net = TwoLayerNetwork.random(inputs: d, width: m, activation: .relu, initScale: 1, using: &rng)
    net.outputScale = 0.5
    let y = net(x).map { $0 >= 0 ? 1.0 : -1.0 }  // labels the network separates
    let k = KKTDiagnostics(net, inputs: x, labels: y)
    try #require(zip(net(x), y).allSatisfy { $0 * $1 > 0 })
    #expect(k.kinkPairs == 0)

    // θ̃ and the columns y_i ∇_θ N_θ̃(x_i), written out.
    let gamma = zip(net(x), y).map { $0 * $1 }.min()!
    let scale = 1 / gamma.squareRoot()
    var tilde = net
    for i in tilde.weights.storage.indices { tilde.weights.storage[i] *= scale }
    tilde.outer = tilde.outer.map { $0 * scale }
    let theta = tilde.weights.storage + tilde.outer
    var columns: [[Double]] = []
    for i in 0..<n {
      let xi = x.row(i)
      var col: [Double] = []
      for j in 0..<m {
        let p = dot(tilde.weights.row(j), xi)
        col += xi.map { y[i] * 0.5 * tilde.outer[j] * (p > 0 ? 1 : 0) * $0 }
      }
      for j in 0..<m { col.append(y[i] * 0.5 * max(0, dot(tilde.weights.row(j), xi))) }
      columns.append(col)
    }
    let a = Matrix(rowVectors: columns).transposed  // p × n
    let s = NNLS.solve(gram: product(a, .transpose, a, .none), correlations: product(a, .transpose, theta))
    for i in 0..<n { #expect(abs(s.coefficients[i] - k.multipliers[i]) <= 1e-8 * max(1, s.coefficients[i])) }
    var r = theta
    gemv(a, .none, s.coefficients, into: &r, alpha: -1, beta: 1)
    #expect(abs(norm(r) / norm(theta) - k.relativeResidual) < 1e-9)
  }

  /// Gradient flow from a small initialisation approaches a KKT point and stays balanced. Units left
  /// on the ReLU kink by gradient descent need the fitted σ' ∈ [0, 1] for the residual to fall.
  @Test func trainingDrivesTheResidualDown() throws {
    var rng = RandomSource(seed: 8)
    let data = TrainingSet.random(points: 6, dimension: 200, distribution: .sphere, rng: &rng)
    let net = TwoLayerNetwork.random(inputs: 200, width: 20, activation: .relu, initScale: 1e-3, using: &rng)
    let trainer = Trainer(
      network: net, inputs: data.x, labels: data.y,
      config: TrainingConfig(loss: .exponential, stepSize: 0.2, rule: .lyuLi, maxSteps: 4000))
    var early: KKTDiagnostics?
    try trainer.run { snap, t in
      if snap.step == 30 { early = KKTDiagnostics(t.network, inputs: data.x, labels: data.y) }
    }
    let late = KKTDiagnostics(trainer.network, inputs: data.x, labels: data.y)
    let first = try #require(early)
    #expect(late.relativeResidual < first.relativeResidual)
    #expect(late.relativeResidual < 0.05)
    #expect(late.balancedness < 1e-2)
  }
}

extension KKTDiagnosticsTests {
  /// Pre-activations exactly at the ReLU kink are detected and their σ' ∈ [0, 1] is fitted: two
  /// orthogonal unit inputs, one unit aligned with each (⟨w₁, x₂⟩ = ⟨w₂, x₁⟩ = 0), an exact KKT point.
  /// (That the fitted σ' is needed at all is `trainingDrivesTheResidualDown`: gradient descent leaves
  /// pre-activations chattering around 0, and with a fixed σ'(0) the residual stalls near 0.1–0.2.)
  @Test func kinkPreactivationsGetAFittedDerivative() {
    let x = Matrix(rowVectors: [[1, 0], [0, 1]])
    let w = Matrix(rowVectors: [[1, 0], [0, 1]])
    let net = TwoLayerNetwork(weights: w, outer: [1, 1], activation: .relu)
    let k = KKTDiagnostics(net, inputs: x, labels: [1, 1])
    #expect(k.kinkPairs == 2)  // ⟨w₁, x₂⟩ = ⟨w₂, x₁⟩ = 0
    #expect(k.relativeResidual < 1e-12)
  }
}
