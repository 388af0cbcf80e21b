import Foundation
import Testing

@testable import Numerics

/// The two projection balls of adversarial training (Gao et al. 2019): ‖W − W(0)‖_F ≤ R and ‖w_r − w_r(0)‖ ≤ R/√m,
/// against cases computed by hand.
@Suite struct ProjectionBallTests {
  /// m = 2, d = 2, W(0) = [[1, 0], [0, 1]], W = [[4, 4], [0, 1.5]], R = 2√2, so R/√m = 2. Per unit: row 0 moved by
  /// (3, 4), length 5 > 2, so it is scaled by 2/5 to (1.2, 1.6): w_0 = (2.2, 1.6); row 1 moved by (0, 0.5), length
  /// 0.5 ≤ 2, so it stays (0, 1.5) bit for bit. Frobenius: the whole change has length √25.25 > 2√2, so both rows
  /// are scaled by 2√2/√25.25: w_1 = (0, 1 + 0.5·2√2/√25.25).
  @Test func perNeuronAndFrobeniusProjectionsMatchHandComputedCases() {
    let centre = Matrix(rowVectors: [[1, 0], [0, 1]])
    let start = Matrix(rowVectors: [[4, 4], [0, 1.5]])
    let radius = 2 * 2.0.squareRoot()

    var perUnit = start
    ProjectionBall.perNeuron.project(&perUnit, around: centre, radius: radius)
    let expectedPerUnit: [Double] = [2.2, 1.6, 0, 1.5]
    for k in 0..<4 { #expect(abs(perUnit.storage[k] - expectedPerUnit[k]) <= 1e-15) }
    #expect(perUnit.storage[2] == 0 && perUnit.storage[3] == 1.5)
    // Every unit within R/√m, the boundary reached by the moved row; so the whole change within R (Frobenius).
    #expect(abs(ProjectionBall.perNeuronRadius(of: perUnit, around: centre) - radius) <= 1e-15)
    var change = perUnit
    axpy(-1, centre.storage, &change.storage)
    #expect(change.squaredNorm.squareRoot() <= radius)

    var whole = start
    ProjectionBall.frobenius.project(&whole, around: centre, radius: radius)
    let c = radius / 25.25.squareRoot()
    let expectedWhole: [Double] = [1 + 3 * c, 4 * c, 0, 1 + 0.5 * c]
    for k in 0..<4 { #expect(abs(whole.storage[k] - expectedWhole[k]) <= 1e-15) }

    // Inside either ball: nothing moves.
    var inside = Matrix(rowVectors: [[1.5, 0], [0, 0.5]])
    let copy = inside
    ProjectionBall.perNeuron.project(&inside, around: centre, radius: radius)
    ProjectionBall.frobenius.project(&inside, around: centre, radius: radius)
    #expect(inside == copy)
  }

  /// Training with the per-neuron ball (R = 0.3, η = 50, every step pushed outside): after every step each unit's
  /// change is at most R/√m (1e-12 relative), and at least one unit sits on its boundary; the Frobenius change is
  /// then at most R. The trainer may start anywhere in the ball (`start:`), and the ball stays centred at W(0).
  @Test func trainingKeepsEveryUnitInItsBall() throws {
    var rng = RandomSource(seed: 73)
    let data = SphereData.random(points: 8, dimension: 3, rng: &rng)
    let m = 10
    let net = TwoLayerNetwork.balancedSigns(
      inputs: 3, width: m, activation: .quadraticRelu, symmetric: false, scale: 1 / Double(m).squareRoot(), using: &rng)
    let bound = 0.3
    var start = net.weights
    start.storage[0] += 0.05
    var trainer = RobustTrainer(
      network: net, data: data,
      configuration: RobustTrainingConfiguration(
        radius: 0.1, attack: .pga(3), learningRate: 50, projectionRadius: bound, ball: .perNeuron),
      rng: RandomSource(seed: 2), start: start)
    #expect(trainer.initialWeights == net.weights && trainer.network.weights == start)
    for _ in 0..<10 {
      try trainer.step()
      let worst = ProjectionBall.perNeuronRadius(of: trainer.network.weights, around: net.weights)
      #expect(worst <= bound * (1 + 1e-12) && worst >= bound * (1 - 1e-12))
      #expect(trainer.weightChange <= bound * (1 + 1e-12))
    }
  }
}
