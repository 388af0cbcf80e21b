import Figures
import Foundation
import Harness
import Numerics

/// Frei, Vardi, Bartlett & Srebro (2023): "the implicit bias prevents harmful overfitting". On the same noisy
/// training data (a share of labels flipped), gradient flow from a small initialisation fits every label and
/// keeps the Bayes accuracy, while an interpolator that memorises locally (the 1-nearest-neighbour rule, each
/// training label ruling its own neighbourhood) loses about the flipped share; the minimum-norm interpolator of
/// the network's kernel (the large-initialisation, kernel-regime limit) is measured beside them.
public enum Frei2023BenignOverfitting: Experiment {
  public static let id = "frei2023-benign-overfitting"
  public static let paper = "frei2023"
  public static let reproduces =
    "Benign vs harmful overfitting: gradient flow fits flipped labels and keeps the Bayes accuracy; a local interpolator loses the flipped share"
  public static let summary =
    "With 20% of the training labels flipped, gradient flow fits them all and stays within 0.05 of the Bayes accuracy while σ²/‖μ‖² is small against √d; the nearest-neighbour interpolator loses about the flipped share at every point, the kernel-regime interpolator where the signal is weak."

  public static let parameters: [Parameter] =
    [
      .int("n", "training points (swept)", paper: [16, 32, 64, 128], quick: [16, 128], in: 2...5_000),
      .real(
        "sigma", "noise scale σ (swept): ξ ~ N(0, σ²I_d/d), so ‖ξ‖ ≈ σ", paper: [2, 4, 8, 16], quick: [2, 8],
        in: 0...1e6),
      .real(
        "label_noise", "share of the training labels flipped", paper: 0.2, quick: 0.2, in: 0...0.5),
      Frei2023.width(paper: 64, quick: 64),
      Frei2023.clusters(paper: 4, quick: 4),
      Frei2023.dimension(paper: 10_000, quick: 10_000),
      Frei2023.testPoints(paper: 500, quick: 200),
    ]
    + Frei2023.mixture.filter { $0.name != "sigma" }
    + Frei2023.training(maxSteps: (5_000, 5_000), convergence: (1e-2, 1e-2)) + [
      .seeds(paper: 2, quick: 1)
    ]

  public static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let run = try Frei2023.trained(p, n: p.int("n"))
    var r = Record()
    r.set(
      "test_accuracy", Frei2023.accuracy(run.network, run.test),
      "gradient flow's network: share of fresh test points classified correctly (clean labels)")
    r.set(
      "bayes_accuracy", Frei2023.bayesAccuracy(run.mixture, run.test),
      "the Bayes rule of the mixture (true means, σ) on the same test points: the optimum")
    r.set(
      "nearest_mean_accuracy", Frei2023.nearestMeanAccuracy(run.mixture, run.test),
      "the nearest true mean's label on the same test points")
    let data = run.train.data
    let nn = NearestNeighbour.labels(of: run.test.x, inputs: data.x, labels: data.y)
    r.set(
      "nearest_neighbour_accuracy",
      Double((0..<run.test.count).filter { nn[$0] == run.test.y[$0] }.count) / Double(run.test.count),
      "the 1-nearest-neighbour interpolator of the (partly flipped) training labels: share of test points correct")
    // Typed step by step: as one closure inside `?? .nan` this body took the type checker over a second.
    let kernelAccuracy: Double
    if let ntk = MinimumNormInterpolator(kernel: .reluNTK, inputs: data.x, labels: data.y) {
      let out: [Double] = ntk(run.test.x)
      let correct: Int = (0..<run.test.count).filter { run.test.y[$0] * out[$0] > 0 }.count
      kernelAccuracy = Double(correct) / Double(run.test.count)
    } else {
      kernelAccuracy = .nan
    }
    r.set(
      "kernel_accuracy", kernelAccuracy,
      "the minimum-norm interpolator of the two-layer ReLU network's NTK (kernel regime): share of test points correct; NaN if the Gram matrix is singular",
      allowing: .nan)
    run.record(&r)
    return r
  }

  public static let claims: [Claim] = Frei2023Overfitting.claims

  public static func figures(_ results: Results) throws -> [Figure] {
    try Frei2023Overfitting.figures(results)
  }
}

extension Frei2023BenignOverfitting {
  /// Memory per point, from its shapes: the training run and its evaluations.
  public static func memory(_ p: Point) -> MemoryEstimate? {
    Frei2023.memory(p, n: p.int("n"), sizes: "n")
  }

  /// Work per point (`Frei2023Cost+Overfitting.swift`).
  public static func cost(_ p: Point) -> CostEstimate? {
    Frei2023.overfittingCost(p)
  }
}
