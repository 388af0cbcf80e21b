import Foundation
import Numerics
import Testing

@testable import Deng2020Experiments
@testable import Experiments
@testable import Harness

/// The deng2020 modules' own pieces: the paired streams, parameter checks, and a
/// tiny run of each module through the runner with its figures and claims.
@Suite struct Deng2020Tests {
  static let modules: [any Experiment.Type] = [
    Deng2020PGAConvergence.self, Deng2020Landscape.self, Deng2020AdvTraining.self,
  ]

  @Test func streamsArePairedAcrossTheInputScaleAndTheWeightScale() {
    func point(_ s: Double, seed: Int, scale: Double = 1) -> Point {
      Point(
        index: 0,
        values: [
          ("s", .real(s)), ("d", .int(5)), ("restarts", .int(4)), ("rule", .text("normalized")),
          ("step", .real(scale == 1 ? 0.05 : 0.25)), ("max_iter", .int(100)), ("tol", .real(1e-6)),
          ("so_tol", .real(1e-6)), ("weight_scale", .real(scale)), ("seed", .int(seed)),
        ])
    }
    func first(_ p: Point) -> UInt64 {
      var rng = p.stream(for: Deng2020PGAConvergence.self)
      return rng.next()
    }
    let a = first(point(0.25, seed: 0))
    #expect(a == first(point(16, seed: 0)) && a == first(point(0.25, seed: 0, scale: 0.001)))
    #expect(a != first(point(0.25, seed: 1)))
    #expect(
      point(0.25, seed: 0).streamKey(
        experiment: "deng2020-pga-convergence", excluding: Deng2020PGAConvergence.pairedAcross)
        == "deng2020-pga-convergence|d=5|seed=0")
  }

  @Test func reluIsRejectedWithOneLine() {
    for e in Self.modules {
      #expect(throws: ReproError.self) {
        try Configuration(experiment: e, preset: .quick, overrides: ["activation=relu"])
      }
      do {
        _ = try Configuration(experiment: e, preset: .quick, overrides: ["activation=relu"])
      } catch {
        #expect(!error.description.contains("\n") && error.description.contains("tanh, softplus"))
      }
    }
  }

  @Test(arguments: [
    ("deng2020-pga-convergence", ["s=0.5,2", "d=6", "m=10", "restarts=3", "max_iter=300"]),
    ("deng2020-landscape", ["s=0.25,4", "d=6", "m=10", "restarts=4", "max_iter=2000", "grid=7", "paths=2"]),
    ("deng2020-adv-training", ["s=0.5,2", "d=5", "n=12", "m=8", "epochs=12", "inner_steps=2", "attack_probe=3"]),
  ])
  func tinyRunsGiveFiguresAndClaims(id: String, overrides: [String]) throws {
    let e = try experiment(named: id)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("deng-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let ws = Workspace(results: dir, figures: "\(dir)/figures", baselines: "\(dir)/baselines")
    let configuration = try Configuration(experiment: e, preset: .quick, overrides: overrides + ["seeds=1"])
    try ws.run(e, configuration, runner: Runner(jobs: 2, quiet: true))
    let results = try Results.read(ws.resultPath(id))
    #expect(results.points.count == configuration.points.count)
    let figures = try e.figures(results)
    #expect(!figures.isEmpty)
    // A grid of panels (the landscape's slices) is judged panel by panel.
    let drawn = figures.flatMap { $0.panels.isEmpty ? [$0] : $0.panels }
    #expect(drawn.allSatisfy { !$0.series.isEmpty && !$0.xLabel.isEmpty && !$0.yLabel.isEmpty })
    let verdicts = e.claims.flatMap { $0.evaluate(results) }
    #expect(verdicts.count >= e.claims.count)
    #expect(verdicts.allSatisfy { !$0.observed.isEmpty && !$0.bound.isEmpty })
  }

  /// Issue 14, item 11: the slices are one grid of panels, one per input scale, each on the plane through
  /// the maxima found, its disk clipped to the sphere, with PGA paths into the maxima on the plane.
  @Test func landscapeDrawsOneSlicePanelPerScaleWithPaths() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("deng-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let ws = Workspace(results: dir, figures: "\(dir)/figures", baselines: "\(dir)/baselines")
    let configuration = try Configuration(
      experiment: Deng2020Landscape.self, preset: .quick,
      overrides: ["s=0.25,2", "d=5", "m=8", "restarts=3", "grid=9", "paths=2", "seeds=1"])
    try ws.run(Deng2020Landscape.self, configuration, runner: Runner(jobs: 1, quiet: true))
    let results = try Results.read(ws.resultPath(Deng2020Landscape.id))
    let figures = try Deng2020Landscape.figures(results)
    #expect(!figures.contains { $0.name.hasPrefix("slice-s-") })
    let grid = try #require(figures.first { $0.name == "slices-vs-s" })
    #expect(grid.panels.map(\.name) == ["s0.25", "s2"])
    #expect(grid.panels.filter { $0.legend.placement != .off }.count == 1)
    for (panel, point) in zip(grid.panels, results.points) {
      let map = try #require(panel.heatMap)
      #expect(map.x.count == 9 && map.z.count == 9)
      // Cells that miss the disc have nothing to draw; at its centre, ℓ(0); the disc is clipped to the circle.
      #expect(map.z[0][0].isNaN && map.z[4][4].isFinite)
      #expect(map.disk == 1 && map.zRange == 0...1)
      #expect(panel.equalAxes)
      #expect(panel.series.filter { $0.style == .lines }.count == 2)
      // The best maximum found lies on the plane, at (1, 0): u₁ is its direction.
      let u = point.array("maxima_u")
      let off = point.array("maxima_off_plane")
      #expect(!u.isEmpty && abs(u[0] - 1) < 1e-9 && off[0] < 1e-9)
      #expect(["second maximum", "gradient", "random"].contains(point.notes["slice_u2"] ?? ""))
    }
  }

  /// A diverging adversarial training stops the run with one line naming the point, the parameter and a
  /// way out, and writes no result file.
  @Test func divergingAdversarialTrainingFailsWithoutWritingAFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("deng-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let ws = Workspace(results: dir, figures: "\(dir)/figures", baselines: "\(dir)/baselines")
    let configuration = try Configuration(
      experiment: Deng2020AdvTraining.self, preset: .quick,
      overrides: ["lr=1e6", "activation=softplus", "s=1", "lr_rule=plain", "seeds=1"])
    do {
      try ws.run(Deng2020AdvTraining.self, configuration, runner: Runner(jobs: 1, quiet: true))
      Issue.record("a diverging run succeeded")
    } catch let error as ReproError {
      let line = error.description
      #expect(error.exitCode != 0 && !line.contains("\n"))
      #expect(line.contains("deng2020-adv-training: point 1 (") && line.contains("seed=0"))
      #expect(line.contains("diverged at epoch") && line.contains("--set lr"))
    }
    #expect(!FileManager.default.fileExists(atPath: ws.resultPath(Deng2020AdvTraining.id)))
  }

  /// The scale identity behind the adversarial-training controls: under the η₀/s² rate the input scale
  /// acts only through the initial weights, so the same run with w₀/s on inputs of norm s is the run on
  /// unit inputs from w₀ (up to rounding).
  @Test func underTheScaledRateTheInputScaleActsOnlyThroughTheInitialWeights() throws {
    var rng = RandomSource(seed: 7)
    let net = TwoLayerNetwork.fixedSigns(inputs: 5, width: 8, activation: .tanh, using: &rng)
    let unit = TrainingSet.twoClassMixture(points: 10, dimension: 5, separation: 1, scale: 1, rng: &rng)
    let s = 4.0
    var small = net
    for k in small.weights.storage.indices { small.weights.storage[k] /= s }
    var big = unit.x
    for k in big.storage.indices { big.storage[k] *= s }
    func run(_ network: TwoLayerNetwork, _ x: Matrix, scale: Double) throws -> [Double] {
      var trainer = AdversarialTrainer(
        network: network, inputs: x, labels: unit.y,
        configuration: AdversarialTrainingConfiguration(
          radius: 0.1 * scale, innerSteps: 3, innerStep: 0.5, innerRule: .normalized,
          learningRate: 0.5 / (scale * scale)))
      var starts = RandomSource(seed: 8)
      return try (0..<6).map { _ in try trainer.epoch(rng: &starts).adversarialLoss }
    }
    let a = try run(net, unit.x, scale: 1)
    let b = try run(small, big, scale: s)
    for (u, v) in zip(a, b) { #expect(abs(u - v) <= 1e-12 * max(1, abs(u))) }
  }
}
