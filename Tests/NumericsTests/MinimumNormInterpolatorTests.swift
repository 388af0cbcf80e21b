import Foundation
import Testing

@testable import Numerics

/// `MinimumNormInterpolator` and `NearestNeighbour` against answers worked by hand.
@Suite struct MinimumNormInterpolatorTests {
  /// X = [[1, 0, 0], [1, 1, 0]], y = (1, −1): XXᵀ = [[1, 1], [1, 2]], (XXᵀ)⁻¹ = [[2, −1], [−1, 1]], so
  /// α = (3, −2) and f(q) = 3⟨q, x₁⟩ − 2⟨q, x₂⟩: f(e₂) = −2, f(e₃) = 0, f(x_i) = y_i.
  @Test func linearKernelIsTheMinimumNormLinearInterpolator() throws {
    let x = Matrix(rowVectors: [[1, 0, 0], [1, 1, 0]])
    let f = try #require(MinimumNormInterpolator(kernel: .linear, inputs: x, labels: [1, -1]))
    #expect(abs(f.coefficients[0] - 3) < 1e-12 && abs(f.coefficients[1] + 2) < 1e-12)
    let out = f(Matrix(rowVectors: [[0, 1, 0], [0, 0, 1], [1, 0, 0], [1, 1, 0]]))
    for (got, want) in zip(out, [-2.0, 0, 1, -1]) { #expect(abs(got - want) < 1e-12) }
  }

  /// The ReLU NTK: k(x, x) = ‖x‖²; orthogonal inputs, ‖x‖‖x′‖/(2π); opposite ones (θ = π), 0; and at
  /// θ = π/2 between unit vectors with the linear term 0 the same 1/(2π).
  @Test func reluNTKKnownValues() {
    let k = InterpolationKernel.reluNTK
    #expect(abs(k.value(inner: 9, norm: 3, 3) - 9) < 1e-12)
    #expect(abs(k.value(inner: 0, norm: 2, 3) - 6 / (2 * Double.pi)) < 1e-12)
    #expect(abs(k.value(inner: -4, norm: 2, 2)) < 1e-12)
    // θ = π/3 between unit vectors: (sin + (2π/3)·½)/(2π) + ½·(2π/3)/(2π) = (√3/2 + 2π/3)/(2π).
    let want = (3.0.squareRoot() / 2 + 2 * Double.pi / 3) / (2 * Double.pi)
    #expect(abs(k.value(inner: 0.5, norm: 1, 1) - want) < 1e-12)
  }

  /// The NTK interpolator fits its labels on random inputs (K is positive definite for distinct directions),
  /// flipped ones included; the linear kernel with more points than dimensions has no unique interpolator.
  @Test func interpolatesAndRefusesASingularGram() throws {
    var rng = RandomSource(seed: 7)
    let x = Matrix(rows: 12, cols: 20, storage: rng.normals(240))
    let y = (0..<12).map { $0 % 3 == 0 ? -1.0 : 1.0 }
    let f = try #require(MinimumNormInterpolator(kernel: .reluNTK, inputs: x, labels: y))
    for (got, want) in zip(f(x), y) { #expect(abs(got - want) < 1e-8) }
    let wide = Matrix(rows: 5, cols: 3, storage: rng.normals(15))
    #expect(MinimumNormInterpolator(kernel: .linear, inputs: wide, labels: [1, 1, -1, 1, -1]) == nil)
  }

  /// The nearest neighbour of each query, and its label; a training input is its own neighbour.
  @Test func nearestNeighbourByHand() {
    let x = Matrix(rowVectors: [[0, 0], [3, 0], [0, 4]])
    let q = Matrix(rowVectors: [[1, 0], [2.9, 1], [0, 3], [3, 0]])
    #expect(NearestNeighbour.indices(of: q, in: x) == [0, 1, 2, 1])
    #expect(NearestNeighbour.labels(of: q, inputs: x, labels: [1, -1, 1]) == [1, -1, 1, -1])
  }
}
