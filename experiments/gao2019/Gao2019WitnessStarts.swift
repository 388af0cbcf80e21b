import Foundation
import Harness
import Numerics

// The starts of gao2019-capacity's witness finder (`Gao2019WitnessSearch.swift`): where adversarial training of a
// width-m network begins when the question is whether *some* width-m network fits every δ-ball, not whether
// training from a random W(0) finds one. (A shared file of the paper: its name starts with a capital, so it is not
// a module.)
//
// The network is f(W, x) = (1/√m)·Σ_r a_r σ(w_r·x), a_r = +1 for even r and −1 for odd r (fixed), σ the quadratic
// ReLU. Two data-aligned families of W:
// - `points`: each + unit on a cluster of positive points, each − unit on a cluster of negative points (spherical
//   k-means of each class into m/2 clusters, w_r the cluster's mean direction): a bump max(w_r·x, 0)²/2 on each
//   cluster of its own label.
// - `directions`: the m/2 unit pairs (2p, 2p+1) with w_{2p+1} = −w_{2p}: σ(w·x) − σ(−w·x) = (w·x)|w·x|/2 has the sign
//   of w·x, a linear classifier through the origin; the first pair along a linear classifier of the data (logistic
//   regression through the origin), the others along x_i − x_j for close opposite pairs (i, j). For n = 2 the first
//   pair is the robust interpolator itself (margin exactly separation/2: `Gao2019CapacityTests`); where the data
//   are linearly separable through the origin (n ≤ d), width 2 fits them clean.
// Every aligned row has norm √d, the typical norm of a row of W(0) ~ N(0, I_d), so the step η means the same.
extension Gao2019 {
  /// Where a start of the witness finder comes from.
  enum WitnessStart: Int, Sendable, CaseIterable {
    case points = 0
    case directions = 1
    case random = 2
  }

  /// Two points of opposite labels (i positive, j negative) and their distance.
  struct OppositePair {
    var i: Int
    var j: Int
    var distance: Double
  }

  /// The kind of start `index` at a width: `aligned` data-aligned starts alternate points, directions, …; the
  /// `random` draws of W(0) ~ N(0, I_d) follow.
  static func witnessStart(_ index: Int, aligned: Int) -> WitnessStart {
    index < aligned ? (index % 2 == 0 ? .points : .directions) : .random
  }

  /// `v / ‖v‖` (v unchanged when 0).
  static func unitDirection(_ v: [Double]) -> [Double] {
    let r = norm(v)
    return r > 0 ? v.map { $0 / r } : v
  }

  /// The mean directions of `rows` (unit vectors) grouped into `k` clusters by spherical k-means (5 Lloyd steps from
  /// k distinct rows drawn from `rng`): every row its own cluster when k ≥ the rows (the extra clusters repeat rows,
  /// from the first).
  static func clusterDirections(_ rows: [[Double]], clusters k: Int, rng: inout RandomSource) -> [[Double]] {
    guard !rows.isEmpty, k > 0 else { return [] }
    guard k < rows.count else { return (0..<k).map { rows[$0 % rows.count] } }
    var order = Array(rows.indices)
    for i in 0..<k {
      let j = i + Int(rng.uniform() * Double(order.count - i))
      order.swapAt(i, min(j, order.count - 1))
    }
    var centres = order.prefix(k).map { rows[$0] }
    for _ in 0..<5 {
      var sums = [[Double]](repeating: [Double](repeating: 0, count: rows[0].count), count: k)
      for row in rows {
        let c = centres.indices.max { dot(centres[$0], row) < dot(centres[$1], row) } ?? 0
        for t in row.indices { sums[c][t] += row[t] }
      }
      for c in 0..<k where norm(sums[c]) > 0 { centres[c] = unitDirection(sums[c]) }
    }
    return centres
  }

  /// The direction of a linear classifier through the origin: 500 steps of gradient descent (step 10) on the mean
  /// logistic loss of the margins y_i·w·x_i from w = 0, normalised. On separable data it tends to the max-margin
  /// direction; on two points it is (x_1 − x_2)/‖x_1 − x_2‖ at every step (both margins stay equal).
  static func linearDirection(_ data: SphereData) -> [Double] {
    let (n, d) = (data.count, data.dimension)
    var w = [Double](repeating: 0, count: d)
    for _ in 0..<500 {
      var g = [Double](repeating: 0, count: d)
      for i in 0..<n {
        let row = data.x.row(i)
        let weight = -Logistic.derivative(data.y[i] * dot(w, row)) * data.y[i] / Double(n)
        for t in 0..<d { g[t] += weight * row[t] }
      }
      for t in 0..<d { w[t] += 10 * g[t] }
    }
    return unitDirection(w)
  }

  /// A data-aligned W at width m (even) for start `index` (`points` or `directions`; `rng` its own stream): rows of
  /// norm √d; starts after the first of their kind add a perturbation of 10% of that norm per row, so restarts differ
  /// also where the construction is deterministic (every point its own unit, or the k closest pairs).
  static func alignedWeights(_ data: SphereData, width m: Int, kind: WitnessStart, index: Int, rng: inout RandomSource)
    -> Matrix
  {
    let d = data.dimension
    let scale = Double(d).squareRoot()
    let rows = (0..<data.count).map { data.x.row($0) }
    let positive = rows.indices.filter { data.y[$0] > 0 }
    let negative = rows.indices.filter { data.y[$0] <= 0 }
    let k = m / 2
    var w: [[Double]] = []
    switch kind {
    case .points:
      let plus = clusterDirections(positive.map { rows[$0] }, clusters: k, rng: &rng)
      let minus = clusterDirections(negative.map { rows[$0] }, clusters: k, rng: &rng)
      for r in 0..<k {
        w.append(plus[r])
        w.append(minus[r])
      }
    case .directions, .random:
      // Pair 0 along the linear classifier; the others along opposite pairs (i, j), closest first: the first start
      // takes the closest, the others for each pair one random point and its nearest opposite point.
      var pairs: [OppositePair] = []
      for i in positive {
        for j in negative {
          let gap: [Double] = zip(rows[i], rows[j]).map { $0 - $1 }
          pairs.append(OppositePair(i: i, j: j, distance: norm(gap)))
        }
      }
      pairs.sort { ($0.distance, $0.i, $0.j) < ($1.distance, $1.i, $1.j) }
      for p in 0..<k {
        var pair = pairs[max(p - 1, 0) % pairs.count]
        if index >= 2 {
          let a = Int(rng.uniform() * Double(rows.count)) % rows.count
          pair = pairs.first { $0.i == a || $0.j == a } ?? pair
        }
        let v = p == 0 ? linearDirection(data) : unitDirection(zip(rows[pair.i], rows[pair.j]).map { $0 - $1 })
        w.append(v)
        w.append(v.map { -$0 })
      }
    }
    var out = Matrix(rowVectors: w)
    for t in out.storage.indices { out.storage[t] *= scale }
    if index >= 2 {
      let noise = rng.normalMatrix(m, d, sd: 0.1)
      for t in out.storage.indices { out.storage[t] += noise.storage[t] }
    }
    return out
  }

  /// The network of the setting at width m with first layer `weights`: a_r = ±1 balanced, scale 1/√m, σ the point's.
  static func witnessNetwork(_ p: Point, weights: Matrix) -> TwoLayerNetwork {
    let m = weights.rows
    return TwoLayerNetwork(
      weights: weights, outer: (0..<m).map { $0 % 2 == 0 ? 1.0 : -1.0 },
      activation: p.choice("activation", as: Gao2019Activation.self).activation,
      outputScale: 1 / Double(m).squareRoot(), trainsOuter: false)
  }
}
