/// Input distributions for synthetic training sets.
public enum InputDistribution: String, Sendable, CaseIterable {
  /// Uniform on the sphere of radius √d.
  case sphere
  /// N(0, I_d) (norm ≈ √d).
  case gaussian
}

/// A binary-labelled training set: inputs as the rows of X (n×d), labels ±1.
public struct TrainingSet: Sendable {
  public var x: Matrix
  public var y: [Double]

  public init(x: Matrix, y: [Double]) {
    precondition(x.rows == y.count, "TrainingSet: \(x.rows) inputs, \(y.count) labels")
    self.x = x
    self.y = y
  }

  public var count: Int { x.rows }
  public var dimension: Int { x.cols }

  /// n points in R^d from `distribution`, labels uniform ±1 (independent of the inputs).
  public static func random(
    points n: Int, dimension d: Int, distribution: InputDistribution, rng: inout RandomSource
  ) -> TrainingSet {
    var rows: [[Double]] = []
    for _ in 0..<n {
      switch distribution {
      case .sphere: rows.append(rng.onSphere(dimension: d, radius: Double(d).squareRoot()))
      case .gaussian: rows.append(rng.normals(d))
      }
    }
    let labels = (0..<n).map { _ in rng.rademacher() }
    return TrainingSet(x: Matrix(rowVectors: rows), y: labels)
  }

  /// u = Σ_l y_l x_l / ‖Σ_l y_l x_l‖, the universal flipping direction of Vardi et al.
  public var universalDirection: [Double] {
    normalized(product(x, .transpose, y))
  }

  /// The Gram matrix X Xᵀ.
  public var gram: Matrix { product(x, .none, x, .transpose) }

  /// max_{i≠j} |⟨x_i, x_j⟩|.
  public var maxAbsInnerProduct: Double {
    let g = gram
    var worst = 0.0
    for i in 0..<count { for j in 0..<count where j != i { worst = max(worst, abs(g[i, j])) } }
    return worst
  }

  /// Mean ‖x_i‖.
  public var meanNorm: Double {
    (0..<count).reduce(0) { $0 + norm(x.row($1)) } / Double(max(count, 1))
  }
}

/// v / ‖v‖ (v itself when it is zero).
public func normalized(_ v: [Double]) -> [Double] {
  let r = norm(v)
  return r > 0 ? v.map { $0 / r } : v
}
