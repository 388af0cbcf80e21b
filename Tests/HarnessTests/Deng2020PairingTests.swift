import Foundation
import HDF5
import Numerics
import Testing

@testable import Deng2020Experiments
@testable import Experiments
@testable import Harness

/// Issue 24's deng2020 leftovers: pga-convergence's step control draws the main run's networks and inputs;
/// pga-iterations' networks are nested in m; its polynomial bound along m and the landscape's onset, on hand-made
/// results with known answers.
@Suite struct Deng2020PairingTests {
  /// Every paper-preset point of pga-convergence and its `step=0.25` control point draw the same stream: the same
  /// network, input, label and restart starts.
  @Test func pgaConvergenceStepControlDrawsTheMainRunsNetworks() throws {
    let e = Deng2020PGAConvergence.self
    let main = try Configuration(experiment: e, preset: .paper, overrides: []).points
    let control = try Configuration(experiment: e, preset: .paper, overrides: ["step=0.25"]).points
    #expect(main.count == control.count && main.count == 35)
    for (a, b) in zip(main, control) {
      #expect(a.real("step") == 0.05 && b.real("step") == 0.25)
      #expect(
        a.streamKey(experiment: e.id, excluding: e.pairedAcross)
          == b.streamKey(experiment: e.id, excluding: e.pairedAcross))
    }
    // The draws themselves, at the largest s (where the control cycles): identical bit for bit.
    let (a, b) = (main.last!, control.last!)
    var ra = a.stream(for: e)
    var rb = b.stream(for: e)
    let x = Deng2020.attackedInput(a, rng: &ra)
    let y = Deng2020.attackedInput(b, rng: &rb)
    #expect(x.network.weights == y.network.weights && x.network.outer == y.network.outer)
    #expect(x.x == y.x && x.y == y.y && x.epsilon == y.epsilon)
    #expect(
      Deng2020.starts(10, dimension: 50, radius: x.epsilon, rng: ra)
        == Deng2020.starts(10, dimension: 50, radius: y.epsilon, rng: rb))
  }

  /// At one seed and d, the network of width 8 is the first 8 units of the network of width 32, and the input,
  /// label and restart starts are the same.
  @Test func pgaIterationNetworksAreNestedInTheWidth() throws {
    let e = Deng2020PGAIterations.self
    let points = try Configuration(experiment: e, preset: .quick, overrides: ["d=8", "m=8,32", "seeds=1"]).points
    #expect(points.count == 2)
    var r8 = points[0].stream(for: e)
    var r32 = points[1].stream(for: e)
    let narrow = Deng2020.nestedAttackedInput(points[0], rng: &r8)
    let wide = Deng2020.nestedAttackedInput(points[1], rng: &r32)
    #expect(narrow.network.weights.rows == 8 && wide.network.weights.rows == 32)
    #expect(Array(wide.network.weights.storage.prefix(8 * 8)) == narrow.network.weights.storage)
    #expect(Array(wide.network.outer.prefix(8)) == narrow.network.outer)
    #expect(narrow.x == wide.x && narrow.y == wide.y)
    #expect(
      Deng2020.starts(4, dimension: 8, radius: 0.4, rng: r8) == Deng2020.starts(4, dimension: 8, radius: 0.4, rng: r32))
  }

  static func point(_ k: Int, d: Double, m: Double, seed: Int, iterations: [Double], converged: [Double]) -> PointResult
  {
    PointResult(
      index: k, values: [("d", .real(d)), ("m", .real(m)), ("seed", .int(seed))], scalars: [:],
      arrays: ["iterations": NDArray(iterations), "converged": NDArray(converged)], notes: [:])
  }

  /// Counts c·m^k per seed give exponent k exactly; the bound holds at k = 0.5 and fails at k = 1.5; a seed whose
  /// median is infinite (half its restarts never converged) makes the value +∞, counted in the text, never NaN.
  @Test func widthExponentIsTheSlopeAndAnInfiniteCountFailsWithItsCount() {
    func results(_ k: Double, cycling: Bool = false) -> Results {
      var points: [PointResult] = []
      for seed in 0..<3 {
        for m in [8.0, 32, 128] {
          let c = Double(10 + seed) * pow(m, k)
          let bad = cycling && seed == 2 && m == 128
          points.append(
            Self.point(
              points.count, d: 8, m: m, seed: seed, iterations: [c, c, c], converged: bad ? [0, 0, 1] : [1, 1, 1]))
        }
      }
      return Results(path: "synthetic", attributes: [:], points: points)
    }
    let slow = Deng2020.pgaBoundClaim(along: "m").evaluate(results(0.5))[0]
    #expect(abs(slow.value - 0.5) < 1e-12 && slow.holds)
    #expect(PgaAxisExponents(results(0.5).points, along: "m").perSeed[0].exponents.allSatisfy { abs($0 - 0.5) < 1e-12 })
    #expect(!Deng2020.pgaBoundClaim(along: "m").evaluate(results(1.5))[0].holds)
    let cycling = Deng2020.pgaBoundClaim(along: "m").evaluate(results(0.5, cycling: true))[0]
    #expect(cycling.value == .infinity && !cycling.holds)
    #expect(cycling.observed.contains("1 of 3 seed curves have an infinite median count (2 of 27 restarts"))
  }

  /// The onset: a share 0 at s = 1, 2 and rising after is judged from s = 2; a share that never leaves 0 is judged
  /// whole and fails.
  @Test func landscapeGrowthIsJudgedFromItsOnset() {
    func results(_ ys: [Double]) -> Results {
      Results(
        path: "synthetic", attributes: [:],
        points: ys.enumerated().map { k, y in
          PointResult(
            index: k, values: [("s", .real(Double(1 << k))), ("seed", .int(0))], scalars: ["y": y], arrays: [:],
            notes: [:])
        })
    }
    let claim = Deng2020.fromOnset(
      .growth("y grows", reason: "r", of: { $0.scalar("y") }, along: "s"), of: { $0.scalar("y") }, floor: 0)
    let v = claim.evaluate(results([0, 0, 0.2, 0.5]))[0]
    #expect(v.holds && v.value == 0.5)
    #expect(v.observed.hasPrefix("0 ≤ 0.2 ≤ 0.5") && v.observed.contains("judged from s = 2"))
    #expect(v.observed.contains("1 of 1 points at 0"))
    let flat = claim.evaluate(results([0, 0, 0, 0]))[0]
    #expect(!flat.holds && flat.value == 0)
  }
}
