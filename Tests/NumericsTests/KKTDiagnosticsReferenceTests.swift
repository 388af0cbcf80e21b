import Testing

@testable import Numerics

/// The KKT diagnostic with `NNLS.solve` (working set near the margin, warm starts between the kink rounds)
/// against the same diagnostic with the textbook solver it replaced (`ReferenceNNLS`), on trained networks of
/// the quick presets' shapes: every number identical.
@Suite struct KKTDiagnosticsReferenceTests {
  func reference(_ net: TwoLayerNetwork, _ data: TrainingSet) -> KKTDiagnostics {
    KKTDiagnostics(net, inputs: data.x, labels: data.y) { q, c, _, _ in
      ReferenceNNLS.solve(gram: q, correlations: c).coefficients
    }
  }

  func trained(_ data: TrainingSet, width m: Int, step: Double, steps: Int, seed: UInt64) throws -> TwoLayerNetwork {
    var rng = RandomSource(seed: seed)
    let net = TwoLayerNetwork.random(
      inputs: data.dimension, width: m, activation: .relu, initScale: 1e-3, using: &rng)
    let trainer = Trainer(
      network: net, inputs: data.x, labels: data.y,
      config: TrainingConfig(
        loss: .exponential, stepSize: step, rule: .lyuLi, maxSteps: steps, maxRelativeChange: 0.02))
    _ = try trainer.run()
    return trainer.network
  }

  /// vardi2022-kkt's quick shape (n = 8 on the sphere in d = 400, m = 20): every point near the margin, kinks.
  @Test func nearOrthogonalDataGiveTheReferenceNumbers() throws {
    var rng = RandomSource(seed: 4)
    let data = TrainingSet.random(points: 8, dimension: 400, distribution: .sphere, rng: &rng)
    for steps in [30, 2000] {
      let net = try trained(data, width: 20, step: 0.2, steps: steps, seed: 6)
      let new = KKTDiagnostics(net, inputs: data.x, labels: data.y)
      #expect(new == reference(net, data))
    }
  }

  /// frei2023's quick shape (4 clusters, n = 32 in d = 200, m = 32): the support is a subset, found from the
  /// points near the margin and verified on all n.
  @Test func clusteredDataGiveTheReferenceNumbers() throws {
    var rng = RandomSource(seed: 12)
    let mixture = ClusterMixture.random(
      clusters: 4, dimension: 200, meanNorm: 1, noise: 1, layout: .orthonormal, rng: &rng)
    let data = mixture.sample(32, rng: &rng).data
    let net = try trained(data, width: 32, step: 64, steps: 1500, seed: 13)
    let new = KKTDiagnostics(net, inputs: data.x, labels: data.y)
    let old = reference(net, data)
    #expect(new.multipliers == old.multipliers)
    #expect(new.relativeResidual == old.relativeResidual)
    #expect(new == old)
  }
}
