import Foundation
import Numerics
import Testing

@testable import Deng2020Experiments
@testable import Experiments
@testable import Harness

/// deng2020-regime-scale: the theory boundary against its closed form, the map's pairing across its axes, and the
/// per-point statistics on known inputs.
@Suite struct Deng2020RegimeTests {
  /// At small s, σ'' ≈ −2z and σ' ≈ 1, so the formula is 2r·s²·(2 + √(d/m)); the boundary is where it is 1.
  @Test func curvatureFormulaHasItsSmallScaleLimitAndTheBoundaryIsItsLevelOne() {
    for (d, m) in [(16.0, 8.0), (16, 512), (100, 10)] {
      let s = 1e-3
      let exact = 2 * 0.1 * s * s * (2 + (d / m).squareRoot())
      #expect(abs(Deng2020.curvatureRatioFormula(s: s, d: d, m: m, r: 0.1) / exact - 1) < 1e-4)
      let edge = Deng2020.premiseBoundaryScale(d: d, m: m, r: 0.1)
      #expect(abs(Deng2020.curvatureRatioFormula(s: edge, d: d, m: m, r: 0.1) - 1) < 1e-9)
    }
    // Wider networks (smaller d/m) are less curved: the boundary moves to larger s.
    #expect(
      Deng2020.premiseBoundaryScale(d: 16, m: 512, r: 0.1) > Deng2020.premiseBoundaryScale(d: 16, m: 8, r: 0.1))
  }

  /// Every cell of a seed draws the same stream (paired across s and m): the map's cells differ in scale and
  /// width, not in draws; the wider network's first units are the narrower one.
  @Test func mapCellsOfASeedShareTheirDraws() throws {
    let e = Deng2020RegimeScale.self
    let points = try Configuration(experiment: e, preset: .quick, overrides: ["seeds=1"]).points
    #expect(points.count == 6)
    let keys = Set(points.map { $0.streamKey(experiment: e.id, excluding: e.pairedAcross) })
    #expect(keys.count == 1)
    let (a, b) = (points.first { $0.real("m") == 8 }!, points.last { $0.real("m") == 64 }!)
    var ra = a.stream(for: e)
    var rb = b.stream(for: e)
    let narrow = Deng2020.nestedAttackedInput(a, rng: &ra)
    let wide = Deng2020.nestedAttackedInput(b, rng: &rb)
    #expect(Array(wide.network.weights.storage.prefix(8 * 16)) == narrow.network.weights.storage)
    let (ua, ub) = (narrow.x.map { $0 / a.real("s") }, wide.x.map { $0 / b.real("s") })
    #expect(zip(ua, ub).allSatisfy { abs($0 - $1) < 1e-12 })
  }

  /// The count is the censored median over restarts to a local maximum (+∞ when half never reached one), divided
  /// by (√m + √d)²·log₁₀(1/tol).
  func value(_ r: Record, _ name: String) -> Double { r.scalars.first { $0.name == name }!.value }

  @Test func predictionScalarsOnKnownCounts() throws {
    let e = Deng2020RegimeScale.self
    let p = try Configuration(experiment: e, preset: .quick, overrides: ["seeds=1", "m=64", "s=2"]).points[0]
    var r = Record()
    let net = TwoLayerNetwork(
      weights: Matrix(rows: 1, cols: 16, storage: Array(repeating: 0.25, count: 16)), outer: [1],
      activation: .tanh, outputScale: 1, trainsOuter: false)
    let bound = try AdversarialSmoothness(
      loss: AdversarialLoss(network: net, x: Array(repeating: 0.5, count: 16), target: 1), radius: 0.2)
    Deng2020.recordRegimeScalars(
      &r, p, iterations: [10, 30, 20, 5000], localMaximum: [1, 1, 1, 0], smoothness: bound, curvatureRatio: 0.5)
    let polynomial = (8.0 + 4) * (8 + 4) * 6
    #expect(abs(value(r, "prediction_iterations") - 25) < 1e-12)
    #expect(abs(value(r, "prediction_iterations_to_bound") - 25 / polynomial) < 1e-12)
    #expect(abs(value(r, "prediction_log_iterations_to_bound") - log10(25 / polynomial)) < 1e-12)
    #expect(value(r, "prediction_local_maximum_share") == 0.75)
    var half = Record()
    Deng2020.recordRegimeScalars(
      &half, p, iterations: [10, 30, 5000, 5000], localMaximum: [1, 1, 0, 0], smoothness: bound,
      curvatureRatio: 2)
    #expect(value(half, "prediction_iterations") == .infinity)
  }
}
