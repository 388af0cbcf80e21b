import Testing

@testable import Experiments
@testable import Frei2023Experiments
@testable import Harness

/// frei2023's step model (`Frei2023.expectedSteps`) against the steps the paper baselines took: the flipped labels'
/// factor follows the cosine of a point with its cluster mates, ‖μ‖²/(‖μ‖² + σ²), so generalization (σ = ‖μ‖) pays
/// for its flips and benign-overfitting (σ ≥ 2‖μ‖, every point nearly orthogonal to its mates) hardly does.
@Suite struct Frei2023StepModelTests {
  static func steps(_ id: String, _ set: [String: String], n: Int) throws -> Double {
    let e = allExperiments.first { $0.id == id }!
    let p = try Configuration(experiment: e, preset: .paper, overrides: set.map { "\($0.key)=\($0.value)" }.sorted())
      .points[0]
    return Frei2023.expectedSteps(p, n: n)
  }

  /// generalization at the paper preset (k = 16, init_scale 0.1): took 300 steps clean, 1300–1800 at n = 256 with 10%
  /// flipped, 500–800 at n = 128 (the former model: 2500 and 900).
  @Test func generalizationStepsNearTheBaselines() throws {
    let id = "frei2023-generalization"
    #expect(try Self.steps(id, ["n": "256", "m": "64", "label_noise": "0"], n: 256) == 400)
    #expect(try Self.steps(id, ["n": "256", "m": "64", "label_noise": "0.1"], n: 256) == 1900)
    #expect(try Self.steps(id, ["n": "128", "m": "64", "label_noise": "0.1"], n: 128) == 800)
    #expect(try Self.steps(id, ["n": "16", "m": "64", "label_noise": "0.1"], n: 16) == 400)
  }

  /// benign-overfitting at the paper preset (k = 4, init_scale 10⁻³, 20% flipped): took 400–700 steps at every σ and
  /// n (the former model: up to 3800 at n = 128); the noisier, the fewer.
  @Test func benignOverfittingStepsNearTheBaselines() throws {
    let id = "frei2023-benign-overfitting"
    let at2 = try Self.steps(id, ["n": "128", "sigma": "2"], n: 128)
    let at16 = try Self.steps(id, ["n": "128", "sigma": "16"], n: 128)
    #expect(at2 == 900)
    #expect(at16 == 600)
    #expect(try Self.steps(id, ["n": "16", "sigma": "2"], n: 16) == 600)
    // No flipped labels: σ does not enter.
    #expect(
      try Self.steps(id, ["n": "128", "sigma": "2", "label_noise": "0"], n: 128)
        == Self.steps(id, ["n": "128", "sigma": "16", "label_noise": "0"], n: 128))
  }
}
