import Foundation
import Harness
import Numerics
import SharedExperiments

/// The setting every frei2023 module shares (`experiments/frei2023/README.md`, reconstructed): k clusters with means of
/// norm ‖μ‖ (orthonormal directions, or random ones), each labelled ±1; samples x = μ_j + ξ with
/// ξ ~ N(0, σ²I_d/d); a share of the training labels flipped; fresh clean test samples. The network and its
/// training are vardi2022's: a bias-free two-layer ReLU network, both layers trained from a small
/// initialisation, loss-normalised gradient descent with bounded relative steps (a discretisation of the
/// gradient flow) until the normalised margin has converged, in the data-span form when n < d.
///
/// Common random numbers: the means, the training sample and the test sample come from streams keyed by
/// the mixture only (k, d, mu_norm, sigma, means, positive_share, seed), and every training point takes the
/// same number of draws, so the samples for n = 32 are the first 32 points of those for n = 64; the labels
/// flipped depend on (n, label_noise) as well; the initial network is keyed by (d, m, init_scale, seed).
enum Frei2023 {
  static func clusters(paper: Int, quick: Int) -> Parameter {
    .int("k", "number of clusters", paper: paper, quick: quick, in: 2...100_000)
  }
  static func clusters(paper: [Int], quick: [Int]) -> Parameter {
    .int("k", "number of clusters (swept)", paper: paper, quick: quick, in: 2...100_000)
  }
  static func dimension(paper: Int, quick: Int) -> Parameter {
    .int("d", "input dimension (at least k for orthonormal means)", paper: paper, quick: quick, in: 2...200_000)
  }
  static func samples(paper: Int, quick: Int) -> Parameter {
    .int("n", "training points", paper: paper, quick: quick, in: 2...5_000)
  }
  static func width(paper: Int, quick: Int) -> Parameter {
    .int("m", "hidden width", paper: paper, quick: quick, in: 1...100_000)
  }
  static let meanNorm = Parameter.real(
    "mu_norm", "‖μ‖, the norm of every cluster mean (radii are in these units)", paper: 1, quick: 1, in: 1e-6...1e6)
  static let noise = Parameter.real(
    "sigma", "noise scale σ: ξ ~ N(0, σ²I_d/d), so ‖ξ‖ ≈ σ", paper: 1, quick: 1, in: 0...1e6)
  static let layout = Parameter.choice(
    "means", "cluster means: ‖μ‖ times orthonormal directions, or times independent random unit vectors",
    paper: MeanLayout.orthonormal, quick: .orthonormal)
  static let positiveShare = Parameter.real(
    "positive_share", "share of the clusters labelled +1 (0.5: balanced)", paper: 0.5, quick: 0.5, in: 0...1)
  static func labelNoise(paper: Double, quick: Double) -> Parameter {
    .real(
      "label_noise", "share of the training labels flipped (benign overfitting)", paper: paper, quick: quick,
      in: 0...0.5)
  }
  static let perCluster = Parameter.int(
    "per_cluster", "training points per cluster on average: n = per_cluster·k", paper: 8, quick: 4, in: 1...10_000)
  static let noLabelNoise = labelNoise(paper: 0, quick: 0)
  static func testPoints(paper: Int, quick: Int) -> Parameter {
    .int(
      "n_test", "fresh test points from the same mixture (clean labels)", paper: paper, quick: quick, in: 1...100_000)
  }

  /// The mixture's parameters, in the order modules list them after their own.
  static let mixture: [Parameter] = [meanNorm, noise, layout, positiveShare]

  /// vardi2022's training parameters, without its input distribution, and with a step η scaled to these
  /// inputs: the change of θ per step goes like η‖x‖², and ‖x‖² ≈ ‖μ‖² + σ² = 2 here against d = 2000 in
  /// vardi2022, so η = 64 moves θ less per step than vardi2022's η = 0.2 does; the relative bound
  /// `max_rel_step` still caps every step, and a test shows that halving η and the bound moves nothing.
  /// The bound is 0.02 at both presets: these runs converge mostly while it binds (about 70% of their steps),
  /// so it sets their step count; halving η and 0.02 moves margin and flip radius by ~10⁻⁴ (the test).
  static func training(maxSteps steps: (paper: Int, quick: Int), convergence tol: (paper: Double, quick: Double))
    -> [Parameter]
  {
    FlipStudy.training(maxSteps: steps, convergence: tol).compactMap { p in
      switch p.name {
      case "data": return nil
      case "step": return .real("step", "step size η", paper: 64, quick: 64, in: 1e-9...1e6)
      case "max_rel_step":
        return .real(
          "max_rel_step",
          "bound on ‖Δθ‖/‖θ‖ per step (the step is shortened where η would leap: the early phase); 0: no bound",
          paper: 0.02, quick: 0.02, in: 0...10)
      case "max_output_change":
        // No late-phase growth (not a parameter here, so the points' streams and files are as before): these runs
        // converge within a few hundred steps, mostly while the bound binds, and where dead units leave a point
        // unfitted growth only sends the flow time past 10⁴⁰.
        return nil
      default: return p
      }
    }
  }

  private static let mixtureKey = ["k", "d", "mu_norm", "sigma", "means", "positive_share", "seed"]

  /// The point's mixture: its means from a stream keyed by the mixture's parameters only.
  static func mixture(_ p: Point) throws -> ClusterMixture {
    let (k, d) = (p.int("k"), p.int("d"))
    let layout = p.choice("means", as: MeanLayout.self)
    guard layout == .random || k <= d else {
      throw ReproError.badValue(
        "k = \(k) \(layout.rawValue) means do not fit in d = \(d) dimensions: set d ≥ k, or means=random")
    }
    var rng = p.sharedStream("frei2023 means", by: mixtureKey)
    return ClusterMixture.random(
      clusters: p.int("k"), dimension: p.int("d"), meanNorm: p.real("mu_norm"), noise: p.real("sigma"),
      layout: p.choice("means"), positiveShare: p.real("positive_share"), rng: &rng)
  }

  /// The training set: n points (nested in n), then round(label_noise·n) labels flipped.
  static func trainingSet(_ p: Point, _ mixture: ClusterMixture, n: Int) -> (
    data: TrainingSet, clean: [Double], cluster: [Int], flipped: [Int]
  ) {
    var rng = p.sharedStream("frei2023 train", by: mixtureKey)
    var (data, cluster) = mixture.sample(n, rng: &rng)
    let clean = data.y
    // The flips are nested in n too: n is in the label (it is not always the point's n).
    var flipRNG = p.sharedStream("frei2023 flips|n=\(n)", by: mixtureKey + ["label_noise"])
    let flipped = data.flipLabels(rate: p.real("label_noise"), rng: &flipRNG)
    return (data, clean, cluster, flipped)
  }

  /// The test set: n_test fresh points with clean labels, the same for every n, m and label_noise.
  static func testSet(_ p: Point, _ mixture: ClusterMixture) -> TrainingSet {
    testSample(p, mixture).data
  }

  /// The test set with the cluster each point was drawn from (the same draws as `testSet`).
  static func testSample(_ p: Point, _ mixture: ClusterMixture) -> (data: TrainingSet, cluster: [Int]) {
    var rng = p.sharedStream("frei2023 test", by: mixtureKey)
    return mixture.sample(p.int("n_test"), rng: &rng)
  }

  /// A trainer on `data` from the point's initial network.
  static func trainer(_ p: Point, _ data: TrainingSet) -> Trainer {
    var rng = p.sharedStream("frei2023 network", by: ["d", "m", "init_scale", "seed"])
    let initial = TwoLayerNetwork.random(
      inputs: data.dimension, width: p.int("m"), activation: .relu, initScale: p.real("init_scale"), using: &rng)
    return FlipStudy.trainer(p, data: data, initial: initial)
  }

  /// One point's mixture, samples and trained network: what every module starts from.
  struct Trained {
    let mixture: ClusterMixture
    let train: (data: TrainingSet, clean: [Double], cluster: [Int], flipped: [Int])
    let test: TrainingSet
    /// The cluster each test point was drawn from.
    let testCluster: [Int]
    let report: TrainingReport
    let network: TwoLayerNetwork
    /// How far flip searches look: 10·(‖μ‖ + σ), beyond every radius of interest.
    let reach: Double

    /// What every module records about it (see `Frei2023.record`).
    func record(_ r: inout Record) {
      Frei2023.record(&r, mixture: mixture, train: train, report: report, network: network)
    }

    /// The premise of the non-robustness prediction, measured on its means and test points (`recordPremise`).
    func recordPremise(_ r: inout Record) {
      Frei2023.recordPremise(&r, mixture: mixture, test: test, cluster: testCluster)
    }
  }

  /// Draws the point's mixture and samples (n training points) and trains the network on them.
  static func trained(_ p: Point, n: Int) throws -> Trained {
    let mixture = try mixture(p)
    let train = trainingSet(p, mixture, n: n)
    let test = testSample(p, mixture)
    let trainer = trainer(p, train.data)
    let report = try trainer.run()
    return Trained(
      mixture: mixture, train: train, test: test.data, testCluster: test.cluster, report: report,
      network: trainer.network,
      reach: 10 * (p.real("mu_norm") + p.real("sigma")))
  }

  /// What every module records about the mixture, the sample and the training run.
  static func record(
    _ r: inout Record, mixture: ClusterMixture,
    train: (data: TrainingSet, clean: [Double], cluster: [Int], flipped: [Int]),
    report: TrainingReport, network net: TwoLayerNetwork
  ) {
    let k = mixture.clusters
    let n = train.data.count
    var counts = [Double](repeating: 0, count: k)
    for j in train.cluster { counts[j] += 1 }
    r.set("cluster_share", counts.map { $0 / Double(n) }, "per cluster: the share of training points drawn from it")
    r.set("max_abs_cosine", mixture.maxAbsCosine, "max over j ≠ l of |cos(μ_j, μ_l)|: 0 for orthogonal cluster means")
    r.setCount("empty_clusters", counts.filter { $0 == 0 }.count, "clusters with no training point")
    r.setCount("min_cluster_count", Int(counts.min() ?? 0), "training points in the smallest cluster")
    r.setCount("flipped_labels", train.flipped.count, "training labels flipped on purpose (label noise)")
    let outputs = net(train.data.x)
    let fitted = (0..<n).map { train.data.y[$0] * outputs[$0] > 0 }
    // The share of flipped labels the network fits (NaN when none was flipped: there is nothing to fit).
    r.set(
      "noisy_labels_fit",
      train.flipped.isEmpty ? .nan : Double(train.flipped.filter { fitted[$0] }.count) / Double(train.flipped.count),
      "the share of flipped training labels the network fits (y_i·N(x_i) > 0 with the flipped y_i); NaN when no label was flipped",
      allowing: .nan
    )
    // Hazard: clean points never fitted (e.g. every unit of their label inactive on them).
    let flippedSet = Set(train.flipped)
    r.setCount(
      "unfitted_clean_points", (0..<n).filter { !flippedSet.contains($0) && !fitted[$0] }.count,
      "training points with their true label that the network does not fit")
    // The mechanism of that hazard: an unfitted point on which no unit of its label's sign (v_j·y_i > 0) is
    // active gets no gradient that could raise y_i·N(x_i), so gradient flow never fits it.
    let pre = product(train.data.x, .none, net.weights, .transpose)
    let dead = (0..<n).filter { i in
      !fitted[i] && (0..<net.width).allSatisfy { j in net.outer[j] * train.data.y[i] <= 0 || pre[i, j] <= 0 }
    }
    r.setCount("unfitted_points", (0..<n).filter { !fitted[$0] }.count, "training points the network does not fit")
    r.setCount(
      "unfitted_dead_points", dead.count,
      "unfitted training points on which no unit of their label's sign (v_j·y_i > 0) is active: gradient flow cannot fit them"
    )
    FlipStudy.recordTraining(&r, data: train.data, report: report, network: net)
  }

  /// The share of `test` the network classifies correctly; y·f ≤ 0 (a tie included) is an error.
  static func accuracy(_ net: TwoLayerNetwork, _ test: TrainingSet) -> Double {
    let f = net(test.x)
    return Double((0..<test.count).filter { test.y[$0] * f[$0] > 0 }.count) / Double(test.count)
  }

  /// The direction flips are sought along: the universal u of the means (pushed along −y·u), or for a
  /// negative control one random unit vector drawn from `rng`.
  static func flipDirection(_ p: Point, _ mixture: ClusterMixture, rng: inout RandomSource) -> [Double] {
    switch p.choice("direction", as: FlipDirection.self) {
    case .universal: return mixture.universalDirection
    case .random: return normalized(rng.normals(mixture.dimension))
    }
  }

  /// Per test point, the smallest t with y·N(x − t·y·dir) ≤ 0: 0 at a misclassified point; NaN when none
  /// within 10·(‖μ‖ + σ) (counted as a failed point by the claims, never dropped).
  static func flipRadii(_ net: TwoLayerNetwork, _ test: TrainingSet, direction: [Double], scale: Double) -> [Double] {
    FlipStudy.flipRadii(net, at: test.x, labels: test.y, direction: direction, maxT: 10 * scale)
  }
}

extension Frei2023 {
  /// The radius grid: `radii` points evenly spaced from 0 to radius_max·‖μ‖ (absolute radii).
  static func radiusGrid(_ p: Point) -> [Double] {
    let count = p.int("radii")
    let top = p.real("radius_max") * p.real("mu_norm")
    return (0..<count).map { top * Double($0) / Double(count - 1) }
  }

  static let gridParameters: [Parameter] = [
    .real("radius_max", "largest radius of the grid, in units of ‖μ‖", paper: 0.8, quick: 0.8, in: 1e-6...100),
    .int("radii", "radii in the grid (evenly spaced from 0)", paper: 41, quick: 21, in: 2...10_000),
  ]

  /// The share of points robust at each radius ε of the grid, from each point's first flip radius along a
  /// ray (robust at ε: no flip at any t ≤ ε; NaN: no flip up to the ray's end, beyond the grid).
  static func robustAccuracy(firstFlips: [Double], radii: [Double]) -> [Double] {
    radii.map { eps in
      Double(firstFlips.filter { $0.isNaN || $0 > eps }.count) / Double(firstFlips.count)
    }
  }

  /// The share of points robust at each radius of the grid against projected gradient descent on the ball
  /// (`FlipAttack.firstFlips`, a batch of test points at a time), started also from `direction`'s row-space
  /// projection signed for each point's label (−y·direction) when one is given. Test point i draws its random
  /// starts from `FlipAttack.pointStream(rng, i)`; `rng` advances by one draw.
  static func robustAccuracy(
    _ net: TwoLayerNetwork, _ test: TrainingSet, radii: [Double], startingAlong direction: [Double]?,
    rng: inout RandomSource
  ) throws -> [Double] {
    let attack = FlipAttack(net)
    let base = try direction.map { try attack.rowSpaceCoefficients(of: $0) }
    let first = attack.firstFlips(
      at: test.x, labels: test.y, radii: radii, startsAgainstLabel: base.map { [$0] } ?? [], rng: &rng)
    var broken = [Int](repeating: 0, count: radii.count + 1)
    for index in first { broken[index] += 1 }
    var flipped = 0
    return radii.indices.map { k in
      flipped += broken[k]
      return 1 - Double(flipped) / Double(test.count)
    }
  }

  /// The first radius at which the robust accuracy is at most ½ (linear between grid points): 0 if the clean
  /// accuracy already is, +∞ if it stays above ½ over the whole grid (the collapse is beyond it).
  static func collapseRadius(radii: [Double], accuracy: [Double]) -> Double {
    guard let k = accuracy.firstIndex(where: { $0 <= 0.5 }) else { return .infinity }
    if k == 0 { return 0 }
    let (a0, a1) = (accuracy[k - 1], accuracy[k])
    return radii[k - 1] + (radii[k] - radii[k - 1]) * (a0 - 0.5) / (a0 - a1)
  }
}
