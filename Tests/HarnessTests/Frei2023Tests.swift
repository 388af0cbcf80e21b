import Foundation
import Numerics
import Testing

@testable import Experiments
@testable import Frei2023Experiments
@testable import Harness

@Suite struct Frei2023Tests {
  static func point(_ id: any Experiment.Type, _ overrides: [String], seed: Int = 0) throws -> Point {
    let c = try Configuration(experiment: id, preset: .quick, overrides: overrides)
    return c.points.first { $0.seed == seed }!
  }

  /// Common random numbers: the test set is the same for every n, m and label_noise; training samples are
  /// nested in n; the flipped labels depend on the noise rate.
  @Test func samplesAreSharedAndNested() throws {
    let a = try Self.point(Frei2023Generalization.self, ["n=16", "m=16", "label_noise=0"])
    let b = try Self.point(Frei2023Generalization.self, ["n=64", "m=64", "label_noise=0.1"])
    let (ma, mb) = (try Frei2023.mixture(a), try Frei2023.mixture(b))
    #expect(ma.means.storage == mb.means.storage)
    #expect(Frei2023.testSet(a, ma).x.storage == Frei2023.testSet(b, mb).x.storage)
    let small = Frei2023.trainingSet(a, ma, n: 16)
    let large = Frei2023.trainingSet(b, mb, n: 64)
    #expect(Array(large.data.x.storage.prefix(small.data.x.storage.count)) == small.data.x.storage)
    #expect(Array(large.clean.prefix(16)) == small.clean)
    #expect(small.flipped.isEmpty && large.flipped.count == 6)
    // A different seed draws different means.
    let other = try Self.point(
      Frei2023Generalization.self, ["n=16", "m=16", "label_noise=0", "seeds=2"], seed: 1)
    #expect(try Frei2023.mixture(other).means.storage != ma.means.storage)
  }

  @Test func robustAccuracyAndCollapseRadiusFromHandCases() {
    let radii = [0.0, 0.1, 0.2, 0.3]
    // First flips at 0 (misclassified), 0.15, 0.25, and none (NaN: robust over the grid).
    let accuracy = Frei2023.robustAccuracy(firstFlips: [0, 0.15, 0.25, .nan], radii: radii)
    #expect(accuracy == [0.75, 0.75, 0.5, 0.25])
    #expect(abs(Frei2023.collapseRadius(radii: radii, accuracy: accuracy) - 0.2) < 1e-15)
    #expect(abs(Frei2023.collapseRadius(radii: radii, accuracy: [1, 0.9, 0.3, 0]) - (0.1 + 0.1 * 0.4 / 0.6)) < 1e-15)
    #expect(Frei2023.collapseRadius(radii: radii, accuracy: [1, 1, 0.9, 0.6]) == .infinity)
    #expect(Frei2023.collapseRadius(radii: radii, accuracy: [0.5, 0.4, 0.1, 0]) == 0)
  }

  /// The training follows the gradient flow: halving both η and the relative bound moves the converged
  /// normalised margin, the test accuracy and the median flip radius along u by less than 0.5%.
  @Test(arguments: [0, 1]) func halvingTheStepMovesNothing(seed: Int) throws {
    func measure(_ step: Double, _ bound: Double) throws -> (margin: Double, accuracy: Double, radius: Double) {
      let p = try Self.point(
        Frei2023RadiusVsClusters.self,
        [
          "k=8", "d=200", "m=16", "seeds=2", "step=\(step)", "max_rel_step=\(bound)", "converge_tol=0.001",
          "max_steps=40000",
        ], seed: seed)
      let run = try Frei2023.trained(p, n: p.int("per_cluster") * p.int("k"))
      #expect(run.report.stopReason == .marginConverged)
      let radii = Frei2023.flipRadii(
        run.network, run.test, direction: run.mixture.universalDirection, scale: run.reach)
      return (
        run.report.final.normalizedMargin, Frei2023.accuracy(run.network, run.test), Statistics.median(radii)
      )
    }
    let coarse = try measure(64, 0.02)
    let fine = try measure(32, 0.01)
    #expect(abs(coarse.margin / fine.margin - 1) < 0.005, "\(coarse) vs \(fine)")
    #expect(abs(coarse.radius / fine.radius - 1) < 0.005, "\(coarse) vs \(fine)")
    #expect(coarse.accuracy == fine.accuracy)
  }

  /// The trained network on well-separated clusters is flipped near ‖μ‖/√k along u, R is not before ‖μ‖/2.
  @Test func quickRobustAccuracyRunShowsTheGap() throws {
    let p = try Self.point(Frei2023RobustAccuracy.self, ["k=16"])
    var rng = RandomSource(seed: 1)
    let r = try Frei2023RobustAccuracy.run(p, rng: &rng)
    let k = 16.0
    #expect(abs(r["collapse_radius_universal"]! * k.squareRoot() - 1) < 0.3)
    #expect(abs(r["collapse_radius_reference"]! / 0.5 - 1) < 0.1)
    #expect(r["collapse_radius_attack"]! <= r["collapse_radius_universal"]! * 1.1)
  }
}
