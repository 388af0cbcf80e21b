import Foundation
import HDF5
import Testing

@testable import Experiments
@testable import Frei2023Experiments
@testable import Harness
@testable import SharedExperiments

/// Issue 23, item 5: the dry run's estimate follows each module's cost model in the points' shapes, its constant
/// from `make bench`'s rates or calibrated on the stored baseline, and says which it used.
@Suite struct CostEstimateTests {
  static func module(_ id: String) -> any Experiment.Type { allExperiments.first { $0.id == id }! }

  static func point(_ id: String, _ overrides: [String]) throws -> Point {
    try Configuration(experiment: module(id), preset: .quick, overrides: overrides).points[0]
  }

  /// The modules without a cost model yet (their dry run scales the baseline's time per point): none.
  static let withoutModel: Set<String> = []

  @Test func everyModuleOutsideTheListDeclaresACostModel() throws {
    for e in allExperiments where !e.id.hasPrefix("harness") {
      let points = try Configuration(experiment: e, preset: .quick).points
      if Self.withoutModel.contains(e.id) {
        #expect(e.cost(points[0]) == nil, "\(e.id) has a cost model now: take it off the list")
        continue
      }
      for p in points {
        let declared = e.cost(p)
        let c = try #require(declared, "\(e.id) declares no cost model: implement cost(_:) or list it")
        #expect(c.seconds(at: .nominal) > 0 && c.seconds(at: .nominal).isFinite && !c.what.isEmpty, "\(e.id)")
      }
    }
  }

  @Test func trainingDominatedCostDoublesWithTheWidth() throws {
    // vardi2022-kkt: training and its diagnostics only, so GEMM work and elementwise passes are linear in m (but
    // for the diagnostics' Gram matrices, 2·n²·d each: a few percent here).
    let e = Self.module("vardi2022-kkt")
    let one = try #require(e.cost(try Self.point(e.id, ["d=4000", "n=20", "m=100", "max_steps=5000"])))
    let two = try #require(e.cost(try Self.point(e.id, ["d=4000", "n=20", "m=200", "max_steps=5000"])))
    #expect(abs(two.gemmFlops / one.gemmFlops - 2) < 0.05)
    #expect(abs(two.elementwise / one.elementwise - 2) < 1e-9)
    // Twice the steps: twice the training (the 13 diagnostics stay), so nearly twice the total.
    let long = try #require(e.cost(try Self.point(e.id, ["d=4000", "n=20", "m=100", "max_steps=10000"])))
    #expect(long.seconds(at: .nominal) / one.seconds(at: .nominal) > 1.8)
  }

  @Test func attacksGrowWithTestPointsRadiiAndTheSquareOfTheWidth() throws {
    let e = Self.module("frei2023-robust-accuracy")
    let base = [
      "k": "10", "d": "1000", "per_cluster": "10", "m": "200", "n_test": "100", "radius_max": "0.6", "radii": "21",
    ]
    func cost(_ extra: [String]) throws -> CostEstimate {
      var set = base
      for e in extra { set[String(e.split(separator: "=")[0])] = String(e.split(separator: "=")[1]) }
      return try #require(e.cost(try Self.point(e.id, set.map { "\($0.key)=\($0.value)" }.sorted())))
    }
    // The batched attacks are GEMM and elementwise work: what is not the training's (the kernels W·Wᵀ are formed
    // once per network, so doubling the test points does a little less than double it).
    func attacks(_ extra: [String], gemmOnly: Bool = false) throws -> Double {
      var set = base
      for x in extra { set[String(x.split(separator: "=")[0])] = String(x.split(separator: "=")[1]) }
      let p = try Self.point(e.id, set.map { "\($0.key)=\($0.value)" }.sorted())
      // Less the training and the rays (one per test point, whatever the radii).
      let (t, d, m) = (Double(p.int("n_test")), Double(p.int("d")), Double(p.int("m")))
      let training =
        Frei2023.trainingCost(p, n: p.int("per_cluster") * p.int("k")) + FlipStudy.rayCost(points: t, d: d, m: m)
        + FlipStudy.rayCost(points: t, d: d, m: Double(p.int("k")))
      if gemmOnly { return try cost(extra).gemmFlops - training.gemmFlops }
      return try cost(extra).seconds(at: .nominal) - training.seconds(at: .nominal)
    }
    let one = try cost([])
    let attacked = try attacks([])
    let twice = try attacks(["n_test=200"]) / attacked
    #expect(twice > 1.8 && twice < 2, "\(twice)")
    #expect(try attacks(["radii=41"]) / attacked > 1.8)
    #expect(try attacks(["m=400"], gemmOnly: true) / attacks([], gemmOnly: true) > 3.9)
    // The paper's large point (issue 23) costs far more than the preset's largest: 10× the training points, 5×
    // the test points, 3× the radii at 5× the width; the batched attack (ReLU column updates) and the working-set
    // NNLS grow slower than their old per-point and n⁴ counts did, so ≈ 90× in all at the nominal rates.
    let large = try cost(["m=1000", "per_cluster=100", "n_test=500", "radii=61"])
    #expect(large.seconds(at: .nominal) > 50 * one.seconds(at: .nominal))
  }

  static func baseline(wall: Double, points: Int, jobs: Int, cores: Int) -> Results {
    Results(
      path: "baseline",
      attributes: [
        "wall_seconds": .double(wall), "points": .int(Int64(points)), "jobs": .int(Int64(jobs)),
        "cores": .int(Int64(cores)), "platform_cpu": .string("Test CPU"),
      ], points: [])
  }

  @Test func theCalibrationReproducesTheBaselineOnItsOwnSweep() throws {
    for id in ["frei2023-robust-accuracy", "vardi2022-flip-vs-dim", "vardi2022-kkt"] {
      let e = Self.module(id)
      let sweep = try Configuration(experiment: e, preset: .quick).points
      for jobs in [1, 2] {
        let b = Self.baseline(wall: 12.5, points: sweep.count, jobs: jobs, cores: 2)
        let t = try #require(
          TimeEstimate.of(e, points: sweep, jobs: jobs, baseline: b, baselinePoints: sweep, rates: nil))
        #expect(abs(t.seconds - 12.5) < 1e-9, "\(id), --jobs \(jobs): \(t.seconds)")
        #expect(t.source.contains("calibrated on the stored baseline"))
      }
      // Twice the jobs on a parallel sweep: about half the time (never less than the longest point).
      let b = Self.baseline(wall: 12.5, points: sweep.count, jobs: 1, cores: 2)
      let two = try #require(TimeEstimate.of(e, points: sweep, jobs: 2, baseline: b, baselinePoints: sweep, rates: nil))
      #expect(two.seconds < 12.5 && two.seconds >= 12.5 / 2 - 1e-9, "\(id)")
    }
  }

  @Test func benchRatesOfThisCPUComeFirstAndAreCheckedAgainstIt() throws {
    let e = Self.module("vardi2022-kkt")
    let sweep = try Configuration(experiment: e, preset: .quick).points
    let n = MachineRates.nominal
    let rates = MachineRates(
      gemm: n.gemm / 2, gemv: n.gemv / 2, elementwise: n.elementwise / 2, calls: n.calls / 2, pairs: n.pairs / 2,
      cpu: "Test CPU")
    let b = Self.baseline(wall: 1000, points: sweep.count, jobs: 1, cores: 1)
    let t = try #require(TimeEstimate.of(e, points: sweep, jobs: 1, baseline: b, baselinePoints: sweep, rates: rates))
    let nominal = sweep.reduce(0) { $0 + e.cost($1)!.seconds(at: .nominal) }
    #expect(abs(t.seconds / nominal - 2) < 1e-9 && t.source.contains("make bench") && t.source.contains("Test CPU"))
    // The file round-trips, and is refused for another CPU.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rates-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try rates.write(MachineRates.path(results: dir))
    #expect(MachineRates.read(MachineRates.path(results: dir), cpu: "Test CPU") == rates)
    #expect(MachineRates.read(MachineRates.path(results: dir), cpu: "Other CPU") == nil)
  }

  @Test func aModuleWithoutAModelFallsBackToTheBaselineAndSaysSo() throws {
    let e: any Experiment.Type = ToyExperiment.self  // every module of the papers has a model
    let sweep = try Configuration(experiment: e, preset: .paper).points
    let b = Self.baseline(wall: 10, points: sweep.count, jobs: 1, cores: 1)
    let t = try #require(
      TimeEstimate.of(e, points: Array(sweep.prefix(2)), jobs: 1, baseline: b, baselinePoints: sweep, rates: nil))
    #expect(abs(t.seconds - 10 / Double(sweep.count) * 2) < 1e-9)
    #expect(t.source.contains("no cost model"))
    #expect(TimeEstimate.of(e, points: sweep, jobs: 1, baseline: nil, baselinePoints: sweep, rates: nil) == nil)
    // A crafted baseline's absurd wall time is printed as "?", not a trap.
    let crafted = Self.baseline(wall: 1e300, points: sweep.count, jobs: 1, cores: 1)
    let absurd = TimeEstimate.of(e, points: sweep, jobs: 1, baseline: crafted, baselinePoints: sweep, rates: nil)
    #expect(absurd?.source.contains("? for") == true)
  }

  /// gao2019: the step's work grows with n·m (activation passes over the pairs) and the attack's steps add evaluations; the
  /// convergence module's reference run adds to the training's.
  @Test func gao2019WorkFollowsTheWidthAndTheAttackSteps() throws {
    let e = Self.module("gao2019-lazy")
    let one = try #require(e.cost(try Self.point(e.id, ["m=1024", "attack=pga", "attack_steps=5"])))
    let two = try #require(e.cost(try Self.point(e.id, ["m=2048", "attack=pga", "attack_steps=5"])))
    #expect(two.pairs / one.pairs > 1.9 && abs(two.gemmFlops / one.gemmFlops - 2) < 1e-9)
    let more = try #require(e.cost(try Self.point(e.id, ["m=1024", "attack=pga", "attack_steps=10"])))
    #expect(more.pairs > 1.5 * one.pairs)
    // The same training with the reference run beside it costs more.
    let c = Self.module("gao2019-convergence")
    let point = try Self.point(c.id, ["m=256"])
    let tracked = try #require(c.cost(try Self.point(c.id, ["m=256"])))
    let a = Self.module("gao2019-attack-strength")
    let alone = try #require(
      a.cost(try Self.point(a.id, ["m=256", "attack=pga", "iterations=\(point.int("iterations"))"])))
    #expect(tracked.pairs > alone.pairs)
  }

  /// deng2020: adversarial training is linear in the epochs and in n; PGA's work in the restarts.
  @Test func deng2020WorkFollowsEpochsPointsAndRestarts() throws {
    let e = Self.module("deng2020-adv-training")
    let one = try #require(e.cost(try Self.point(e.id, ["epochs=100", "attack_probe=0"])))
    let two = try #require(e.cost(try Self.point(e.id, ["epochs=200", "attack_probe=0"])))
    #expect(two.seconds(at: .nominal) / one.seconds(at: .nominal) > 1.9)
    let p = Self.module("deng2020-pga-convergence")
    let few = try #require(p.cost(try Self.point(p.id, ["restarts=4"])))
    let many = try #require(p.cost(try Self.point(p.id, ["restarts=8"])))
    #expect(abs(many.seconds(at: .nominal) / few.seconds(at: .nominal) - 2) < 1e-9)
  }
}
