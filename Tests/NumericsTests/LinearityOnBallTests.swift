import Foundation
import Testing

@testable import Numerics

@Suite struct LinearityOnBallTests {
  /// One tanh unit f(x) = v·tanh(w·x) with w = (3, 4), ‖w‖ = 5: ∇f = v·tanh'(z)·w and ∇²f = v·tanh''(z)·wwᵀ
  /// (rank one, ‖·‖₂ = |v·tanh''(z)|·‖w‖²), so κ = ε·|tanh''(z)|·‖w‖/|tanh'(z)| = ε·2|tanh z|·5.
  @Test func curvatureRatioOfOneUnitByHand() throws {
    let net = TwoLayerNetwork(weights: Matrix(rowVectors: [[3, 4]]), outer: [2], activation: .tanh)
    let x = [0.1, 0.05]  // z = w·x = 0.5
    let z = 0.5
    let epsilon = 0.1
    let ball = try LinearityOnBall(net, at: x, target: 0, radius: epsilon)
    let slope = 2 * (1 - tanh(z) * tanh(z))
    #expect(abs(ball.gradient[0] - slope * 3) < 1e-12 && abs(ball.gradient[1] - slope * 4) < 1e-12)
    #expect(abs(ball.curvatureRatio - epsilon * 2 * tanh(z) * 5) < 1e-12)
    // |f(x) − 0| = 2·tanh(0.5) ≈ 0.92 > ε‖∇f‖ = 0.1·slope·5 ≈ 0.79: one maximum; a target at f(x) leaves both.
    #expect(ball.linearModelMaxima == 1)
    #expect(try LinearityOnBall(net, at: x, target: net(x), radius: epsilon).linearModelMaxima == 2)
  }

  /// At z = 0, tanh'' = 0: the unit is linear to second order there, κ = 0.
  @Test func aUnitAtItsInflectionHasNoCurvature() throws {
    let net = TwoLayerNetwork(weights: Matrix(rowVectors: [[3, 4]]), outer: [1], activation: .tanh)
    #expect(try LinearityOnBall(net, at: [0, 0], target: 1, radius: 0.5).curvatureRatio == 0)
  }
}
