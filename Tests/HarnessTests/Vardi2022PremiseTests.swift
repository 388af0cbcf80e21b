import Foundation
import Numerics
import Testing

@testable import Experiments
@testable import Harness
@testable import SharedExperiments
@testable import Vardi2022Experiments

/// The premise per point, the medians split by it, and the robust network's radius along −y·u that the
/// `network=robust` control relies on, against answers worked by hand.
@Suite struct Vardi2022PremiseTests {
  /// x1 = (2, 0), x2 = (1, 1), x3 = (0, 3): ⟨x1, x2⟩ = 2, ⟨x1, x3⟩ = 0, ⟨x2, x3⟩ = 3; ‖x‖² = 4, 2, 9; n = 3, so
  /// n·max_{j≠i}|⟨x_i, x_j⟩|/‖x_i‖² = 3·2/4, 3·3/2, 3·3/9.
  @Test func premiseRatiosMatchTheGramMatrix() {
    let data = TrainingSet(x: Matrix(rowVectors: [[2, 0], [1, 1], [0, 3]]), y: [1, -1, 1])
    let ratios = Vardi2022.premiseRatios(data)
    #expect(zip(ratios, [1.5, 4.5, 1.0]).allSatisfy { abs($0 - $1) < 1e-12 })
    // Orthogonal data are inside at every point (ratio 0), and the sign of an inner product does not matter.
    let orthogonal = TrainingSet(x: Matrix(rowVectors: [[3, 0, 0], [0, -3, 0], [0, 0, 3]]), y: [1, 1, -1])
    #expect(Vardi2022.premiseRatios(orthogonal) == [0, 0, 0])
    let negative = TrainingSet(x: Matrix(rowVectors: [[2, 0], [-1, -1], [0, 3]]), y: [1, -1, 1])
    #expect(Vardi2022.premiseRatios(negative) == ratios)
  }

  @Test func mediansOverThePointsInsideOrOutside() {
    let radii = [1.0, 5, 3, 7]
    #expect(Vardi2022.median(radii, where: [true, false, true, false]) == 2)
    #expect(Vardi2022.median(radii, where: [false, true, false, true]) == 6)
    #expect(Vardi2022.median(radii, where: [false, false, false, false]).isNaN)
  }

  /// On orthogonal data x_i = √d·e_i, R is flipped along −y_i·u at t = ‖x‖·√n/2: unit i's pre-activation
  /// d/2 − t·√(d/n) and the other class's −d/2 + t·√(d/n) reach 0 together (a tie counts as a flip).
  @Test func robustNetworkFlipsAlongUAtNormTimesRootNOverTwo() {
    let (n, d) = (4, 16)
    var rows = [[Double]](repeating: [Double](repeating: 0, count: d), count: n)
    for i in 0..<n { rows[i][i] = Double(d).squareRoot() }
    let data = TrainingSet(x: Matrix(rowVectors: rows), y: [1, -1, 1, -1])
    let radii = FlipStudy.flipRadii(
      data.robustReference, at: data.x, labels: data.y, direction: data.universalDirection)
    let expected = Double(d).squareRoot() * Double(n).squareRoot() / 2
    #expect(radii.allSatisfy { abs($0 / expected - 1) < 1e-3 }, "\(radii) vs \(expected)")
  }
}
