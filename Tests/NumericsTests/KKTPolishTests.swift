import Foundation
import Testing

@testable import Numerics

@Suite struct KKTPolishTests {
  /// x₁ = e₁ (y = +1), x₂ = e₂ (y = −1), one unit per point: the max-margin KKT point at this pattern is
  /// w₁ = e₁, v₁ = 1, w₂ = e₂, v₂ = −1 with λ = (1, 1) (by hand: w_j = λ_i y_i v_j x_i, v_j = λ_i y_i ⟨w_j, x_i⟩,
  /// y_i N(x_i) = v_j ⟨w_j, x_i⟩ = 1). The polish reaches it from a perturbed start, off-span parts included.
  @Test func twoOrthogonalPointsReachTheHandSolution() throws {
    let x = Matrix(rowVectors: [[1, 0], [0, 1]])
    let net = TwoLayerNetwork(
      weights: Matrix(rowVectors: [[1.1, -0.1], [-0.2, 1.05]]), outer: [0.95, -0.97], activation: .relu)
    let polish = KKTPolish(net, inputs: x, labels: [1, -1], multipliers: [0.9, 1.2], marginBand: 0.1)
    #expect(polish.consistent)
    #expect(polish.equationResidual < 1e-10)
    let expected: [Double] = [1, 0, 0, 1]
    for k in 0..<4 { #expect(abs(polish.network.weights.storage[k] - expected[k]) < 1e-9) }
    #expect(abs(polish.network.outer[0] - 1) < 1e-9 && abs(polish.network.outer[1] + 1) < 1e-9)
    #expect(abs(polish.multipliers[0] - 1) < 1e-9 && abs(polish.multipliers[1] - 1) < 1e-9)
    // The distance is that of the margin-normalised start from (e₁, 1, e₂, −1), written out.
    let gamma = min(0.95 * 1.1, 0.97 * 1.05)
    let c = 1 / gamma.squareRoot()
    let start = [1.1, -0.1, -0.2, 1.05, 0.95, -0.97].map { $0 * c }
    let target: [Double] = [1, 0, 0, 1, 1, -1]
    let distance = (zip(start, target).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / dot(start, start))
      .squareRoot()
    #expect(abs(polish.distance - distance) < 1e-9)
    // An exact KKT point: the diagnostic's residual vanishes there.
    let k = KKTDiagnostics(polish.network, inputs: x, labels: [1, -1])
    #expect(k.relativeResidual < 1e-9)
  }

  /// x₁ = e₁, x₂ = e₂ (y = +1) served by one unit, x₃ = e₃ (y = −1) by another. By hand: λ₁ = λ₂ = 1/√2,
  /// v₁ = 2^{1/4}, w₁ = 2^{−1/4}(e₁ + e₂); λ₃ = 1, w₂ = e₃, v₂ = −1.
  @Test func sharedUnitReachesTheHandSolution() throws {
    let x = Matrix(rowVectors: [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    let net = TwoLayerNetwork(
      weights: Matrix(rowVectors: [[0.9, 0.8, -0.1], [-0.05, -0.1, 1.1]]), outer: [1.25, -0.9], activation: .relu)
    let polish = KKTPolish(net, inputs: x, labels: [1, 1, -1], multipliers: [0.5, 0.8, 1], marginBand: 0.2)
    #expect(polish.consistent)
    let a = pow(2, -0.25)
    let expected: [Double] = [a, a, 0, 0, 0, 1]
    for k in 0..<6 { #expect(abs(polish.network.weights.storage[k] - expected[k]) < 1e-8) }
    #expect(abs(polish.network.outer[0] - pow(2, 0.25)) < 1e-8 && abs(polish.network.outer[1] + 1) < 1e-8)
    let lambda = [1 / 2.0.squareRoot(), 1 / 2.0.squareRoot(), 1]
    for i in 0..<3 { #expect(abs(polish.multipliers[i] - lambda[i]) < 1e-8) }
  }

  /// Levenberg–Marquardt on a small nonlinear system with a known root: x² + y² = 5, x·y = 2 → (2, 1) from (2.5, 0.7).
  @Test func levenbergMarquardtFindsAKnownRoot() {
    let r = LevenbergMarquardt.solve({ u in [u[0] * u[0] + u[1] * u[1] - 5, u[0] * u[1] - 2] }, from: [2.5, 0.7])
    #expect(abs(r.point[0] - 2) < 1e-10 && abs(r.point[1] - 1) < 1e-10)
    #expect(r.residual < 1e-12)
  }
}
