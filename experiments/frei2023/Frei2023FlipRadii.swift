import Foundation
import Harness
import Numerics
import SharedExperiments

/// The run of frei2023-radius-vs-clusters and frei2023-collapse-settings (a shared file of the paper: both modules
/// name it): the trained network's flip radius along the universal direction (or a random one, a control) and the
/// generic minimal-flip attack's radius (or a search along one random direction, a control) at every test point, their
/// medians, the test accuracy, the training record and the premise measured on the run's draw.
extension Frei2023 {
  static func flipRadiiRun(_ p: Point, rng: inout RandomSource) throws -> Record {
    let run = try Frei2023.trained(p, n: p.int("per_cluster") * p.int("k"))
    let (mixture, test, net, reach) = (run.mixture, run.test, run.network, run.reach)

    var r = Record()
    let flips = Frei2023.flipRadii(net, test, direction: Frei2023.flipDirection(p, mixture, rng: &rng), scale: reach)
    r.set(
      "flip_radius", flips,
      "per test point: the smallest t with sign N(x − t·y·u) ≠ y along the universal direction u (NaN if none within reach)",
      units: "ℓ2 norm, input units", allowing: .nan)
    let attack: [Double]
    switch p.choice("attack", as: AttackKind.self) {
    case .generic:
      let reaches = [Double](repeating: reach, count: test.count)
      attack = FlipAttack(net).minimalFlips(at: test.x, labels: test.y, maxRadii: reaches, rng: &rng).map {
        $0?.radius ?? .nan
      }
    case .randomDirection:
      attack = (0..<test.count).map { i in
        FlipStudy.flipRadius(
          net, at: test.x.row(i), label: test.y[i], direction: normalized(rng.normals(test.dimension)), maxT: reach)
      }
    }
    r.set(
      "attack_radius", attack,
      "per test point: the smallest ‖δ‖ flipping N(x + δ) found by the attack parameter's method (NaN if none within reach)",
      units: "ℓ2 norm, input units", allowing: .nan)
    r.set(
      "flip_radius_median", Statistics.median(flips), "median of flip_radius over the test points (NaN if any is)",
      units: "ℓ2 norm, input units", allowing: .nan)
    r.set(
      "attack_radius_median", Statistics.median(attack), "median of attack_radius over the test points (NaN if any is)",
      units: "ℓ2 norm, input units", allowing: .nan)
    r.set("test_accuracy", Frei2023.accuracy(net, test), "share of test points classified correctly")
    run.record(&r)
    run.recordPremise(&r)
    return r
  }
}
