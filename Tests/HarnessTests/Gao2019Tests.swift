import Foundation
import Numerics
import Testing

@testable import Experiments
@testable import Gao2019Experiments
@testable import Harness

extension Record {
  fileprivate func array(_ name: String) -> [Double] { arrays.first { $0.name == name }!.value.values }
}

@Suite struct Gao2019Tests {
  static func point(_ id: any Experiment.Type, _ overrides: [String], seed: Int = 0) throws -> Point {
    let c = try Configuration(experiment: id, preset: .quick, overrides: overrides)
    return c.points.first { $0.seed == seed }!
  }

  static func run(_ id: any Experiment.Type, _ overrides: [String], seed: Int = 0) throws -> Record {
    var rng = RandomSource(seed: 7)
    return try id.run(try point(id, overrides, seed: seed), rng: &rng)
  }

  @Test func scheduleSpansTheRunOnce() {
    for (t, count) in [(1, 5), (2, 5), (300, 12), (1_000, 30)] {
      let s = Gao2019.schedule(iterations: t, count: count)
      #expect(s.first == 0 && s.last == t - 1)
      #expect(s == Array(Set(s)).sorted())
      #expect(s.count <= max(count, 1) + 1)
    }
  }

  /// Common random numbers: every attack and radius of attack-strength trains from the same W(0) on the same
  /// data, so the first surrogate loss of the one-step and the exhaustive attack differ only by the attack.
  @Test func attacksShareTheStartingNetwork() throws {
    let weak = try Self.run(Gao2019AttackStrength.self, ["attack=one_step", "delta_ratio=0.5", "iterations=3"])
    let strong = try Self.run(Gao2019AttackStrength.self, ["attack=exhaustive", "delta_ratio=0.5", "iterations=3"])
    let clean = try Self.run(Gao2019AttackStrength.self, ["attack=none", "delta_ratio=0.5", "iterations=3"])
    // The robust loss at W(0) is the same estimate of the same network.
    #expect(weak.array("robust_loss")[0] == strong.array("robust_loss")[0])
    let (lw, ls, lc) = (
      weak.array("surrogate_loss")[0], strong.array("surrogate_loss")[0], clean.array("surrogate_loss")[0]
    )
    #expect(lc < lw && lw <= ls)
  }

  /// L_A ≤ L* in every record, and the reference is at most the lowest L* of the run itself.
  @Test func surrogateNeverExceedsTheRobustEstimate() throws {
    let r = try Self.run(Gao2019Convergence.self, ["m=64"])
    #expect(r["surrogate_above_robust"] == 0)
    #expect(r["estimate_misses"] == 0)
    #expect(r["reference_robust_loss"]! <= r.array("robust_loss").min()!)
    let surrogate = r.array("surrogate_loss")
    for (k, t) in r.array("iteration").enumerated() {
      #expect(surrogate[Int(t)] <= r.array("robust_loss")[k])
    }
  }

  /// A diverging point stops with one line naming the iteration, the width and the fix; nothing is returned.
  @Test func divergenceIsAOneLineError() throws {
    do {
      _ = try Self.run(Gao2019Lazy.self, ["m=64", "lr=1e9", "iterations=200"])
      Issue.record("a learning rate of 1e9 must diverge")
    } catch let error as ReproError {
      let text = "\(error)"
      #expect(text.contains("diverged") && text.contains("m = 64") && text.contains("lower --set lr"))
      #expect(!text.contains("\n"))
    }
  }

  @Test func badSettingsAreOneLineErrors() throws {
    for (id, overrides, words) in [
      (Gao2019Convergence.self as any Experiment.Type, ["d=3"], "data=circle needs d = 2"),
      (Gao2019Capacity.self, ["d=5", "m_max=3"], "even width"),
      (Gao2019Convergence.self, ["n=5"], "even n"),
    ] {
      do {
        _ = try Self.run(id, overrides)
        Issue.record("\(overrides) must be refused")
      } catch let error as ReproError {
        #expect("\(error)".contains(words), "\(error)")
        #expect(!"\(error)".contains("\n"))
      }
    }
    // The exhaustive search is for disks only.
    let p = try Self.point(Gao2019Capacity.self, ["d=5"])
    #expect(throws: ReproError.self) { try Gao2019.trainingAttack(p, .exhaustive) }
  }

  /// The lazy regime in numbers at two widths: the relative change falls about like m^{-1/2} and the
  /// weight change barely moves (the slope claims over five widths are the module's).
  @Test func relativeChangeHalvesWhenTheWidthQuadruples() throws {
    let narrow = try Self.run(Gao2019Lazy.self, ["m=256"])
    let wide = try Self.run(Gao2019Lazy.self, ["m=1024"])
    let ratio = wide["relative_change"]! / narrow["relative_change"]!
    #expect(abs(ratio - 0.5) < 0.08, "relative change ratio \(ratio)")
    #expect(abs(wide["weight_change"]! / narrow["weight_change"]! - 1) < 0.15)
  }
}
