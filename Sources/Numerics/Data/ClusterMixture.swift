/// How the k cluster means of a `ClusterMixture` are laid out.
public enum MeanLayout: String, Sendable, CaseIterable {
  /// ‖μ‖ times k orthonormal directions (a random orthonormal frame of R^d): exactly orthogonal.
  case orthonormal
  /// ‖μ‖ times k independent uniformly random unit vectors: nearly orthogonal when d ≫ k.
  case random
  /// A negative control: every cluster of label +1 shares one mean and every cluster of label −1 another
  /// (orthogonal to it), so there are two distinct directions whatever k is.
  case collapsed
}

/// The data of Frei, Vardi, Bartlett & Srebro (2023), reconstructed (`experiments/frei2023/README.md`): k clusters
/// with means μ_1..μ_k of equal norm ‖μ‖, each cluster labelled ±1; a sample picks a cluster j
/// uniformly and is x = μ_j + ξ with ξ ~ N(0, σ²·I_d/d), so that ‖ξ‖ ≈ σ, labelled y_j.
public struct ClusterMixture: Sendable {
  /// The means as the rows of a k×d matrix.
  public let means: Matrix
  /// y_j ∈ {±1} for each cluster.
  public let labels: [Double]
  /// ‖ξ‖ ≈ σ: each coordinate of ξ has standard deviation σ/√d.
  public let noise: Double

  public var clusters: Int { means.rows }
  public var dimension: Int { means.cols }
  /// ‖μ_j‖ (equal for every j).
  public var meanNorm: Double { norm(means.row(0)) }

  public init(means: Matrix, labels: [Double], noise: Double) {
    precondition(means.rows == labels.count && means.rows > 0, "ClusterMixture: one label per mean")
    self.means = means
    self.labels = labels
    self.noise = noise
  }

  /// k means of norm `meanNorm` laid out as `layout`; the first round(positiveShare·k) clusters (at least one
  /// and at most k − 1) are labelled +1, the others −1 (the means are random, so the order carries nothing).
  public static func random(
    clusters k: Int, dimension d: Int, meanNorm: Double, noise sigma: Double, layout: MeanLayout,
    positiveShare: Double = 0.5, rng: inout RandomSource
  ) -> ClusterMixture {
    precondition(k >= 2, "ClusterMixture: need at least two clusters")
    precondition(layout == .random || k <= d, "ClusterMixture: \(k) orthonormal means do not fit in R^\(d)")
    let positives = min(k - 1, max(1, Int((positiveShare * Double(k)).rounded())))
    let labels = (0..<k).map { $0 < positives ? 1.0 : -1.0 }
    var rows: [[Double]] = []
    for j in 0..<k {
      if layout == .collapsed && j > 0 && j != positives {
        rows.append(rows[j < positives ? 0 : positives])
        continue
      }
      var g = rng.normals(d)
      if layout != .random {
        // Gram–Schmidt, twice (the second pass removes what rounding left of the first).
        for _ in 0..<2 {
          for r in rows {
            let c = dot(r, g) / dot(r, r)
            axpy(-c, r, &g)
          }
        }
      }
      let s = meanNorm / norm(g)
      rows.append(g.map { $0 * s })
    }
    return ClusterMixture(means: Matrix(rowVectors: rows), labels: labels, noise: sigma)
  }

  /// A sample: n points, each from a uniformly drawn cluster, with the cluster's label; `cluster[i]` is
  /// the cluster point i came from. Every point takes the same number of draws, so the first n points of a
  /// larger sample from the same stream are this sample (nested samples for an n sweep).
  public func sample(_ n: Int, rng: inout RandomSource) -> (data: TrainingSet, cluster: [Int]) {
    let d = dimension
    let k = clusters
    let sd = noise / Double(d).squareRoot()
    var x = Matrix(zeros: n, d)
    var y = [Double](repeating: 0, count: n)
    var cluster = [Int](repeating: 0, count: n)
    for i in 0..<n {
      let j = Int(rng.next() % UInt64(k))
      cluster[i] = j
      y[i] = labels[j]
      for c in 0..<d { x[i, c] = means[j, c] + sd * rng.normal() }
    }
    return (TrainingSet(x: x, y: y), cluster)
  }

  /// u = Σ_j y_j μ_j / ‖Σ_j y_j μ_j‖. A point of label y is pushed along −y·u: for orthogonal means this
  /// moves it towards every cluster of the other label at once (the universal direction of Frei et al.).
  public var universalDirection: [Double] {
    normalized(product(means, .transpose, labels))
  }

  /// max_{j≠l} |cos(μ_j, μ_l)|: 0 for orthonormal means, ~ √(2 log k / d) for random ones.
  public var maxAbsCosine: Double {
    let g = product(means, .none, means, .transpose)
    var worst = 0.0
    for j in 0..<clusters {
      for l in 0..<clusters where l != j {
        worst = max(worst, abs(g[j, l]) / (g[j, j] * g[l, l]).squareRoot())
      }
    }
    return worst
  }

  /// The robust network of Frei et al.: R(x) = Σ_j y_j·relu(⟨μ_j/‖μ‖, x⟩ − ‖μ‖/2), width k, with a bias.
  /// At a mean μ_j (orthogonal means) only unit j is on, at ‖μ‖/2. Moving by δ with ‖δ‖ < ‖μ‖/2 keeps unit j
  /// on and turns no unit of the other label on, so y_j·R > 0. At ‖δ‖ = ‖μ‖/2 (δ = −μ_j/2) R is exactly 0:
  /// a tie, counted as an error (y·f ≤ 0); a strict sign change needs a unit of the other label on as well,
  /// ‖δ‖ ≥ ‖μ‖/√2.
  public var robustReference: TwoLayerNetwork {
    let r = meanNorm
    var w = means
    for c in w.storage.indices { w.storage[c] /= r }
    return TwoLayerNetwork(
      weights: w, bias: [Double](repeating: -r / 2, count: clusters), outer: labels, activation: .relu,
      trainsOuter: false)
  }

  /// The ideal network F(x) = √k₊·relu(⟨x, μ̄₊⟩) − √k₋·relu(⟨x, μ̄₋⟩), μ̄± the normalised sum of the means of
  /// each label: bias-free, width 2. For orthogonal means F(μ_j) = y_j‖μ‖ and F(μ_j − η·y_j·u) =
  /// y_j(‖μ‖ − η√k): the sign changes at η = ‖μ‖/√k exactly. A fixed point for tests of the flip searches.
  public var idealNetwork: TwoLayerNetwork {
    var rows: [[Double]] = []
    var outer: [Double] = []
    for sign in [1.0, -1.0] {
      let members = (0..<clusters).filter { labels[$0] == sign }
      var s = [Double](repeating: 0, count: dimension)
      for j in members { axpy(1, means.row(j), &s) }
      rows.append(normalized(s))
      outer.append(sign * Double(members.count).squareRoot())
    }
    return TwoLayerNetwork(weights: Matrix(rowVectors: rows), outer: outer, activation: .relu)
  }
}

extension TrainingSet {
  /// Flips the labels of exactly round(rate·n) points, chosen uniformly without replacement; returns
  /// which points were flipped (ascending).
  public mutating func flipLabels(rate: Double, rng: inout RandomSource) -> [Int] {
    let count = Int((rate * Double(self.count)).rounded())
    var order = Array(0..<self.count)
    // A partial Fisher–Yates shuffle: the first `count` entries are a uniform sample.
    for i in 0..<count {
      let j = i + Int(rng.next() % UInt64(self.count - i))
      order.swapAt(i, j)
    }
    let flipped = order[0..<count].sorted()
    for i in flipped { y[i] = -y[i] }
    return flipped
  }
}
