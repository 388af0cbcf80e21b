/// The 1-nearest-neighbour rule: each query takes the label of the closest training input (Euclidean; the
/// first in index order on a tie). It interpolates any labelling of distinct inputs, flipped labels included.
public enum NearestNeighbour {
  /// The index of the closest row of `inputs` to each row of `queries` (‖q − x_i‖² = ‖q‖² − 2⟨q, x_i⟩ + ‖x_i‖²,
  /// the inner products in one GEMM).
  public static func indices(of queries: Matrix, in inputs: Matrix) -> [Int] {
    let inner = product(queries, .none, inputs, .transpose)
    let squared = (0..<inputs.rows).map { i in inputs.row(i).reduce(0) { $0 + $1 * $1 } }
    return (0..<queries.rows).map { q in
      var best = 0
      var bestDistance = Double.infinity
      for i in 0..<inputs.rows {
        let distance = squared[i] - 2 * inner[q, i]
        if distance < bestDistance {
          bestDistance = distance
          best = i
        }
      }
      return best
    }
  }

  /// The labels the rule gives each row of `queries`.
  public static func labels(of queries: Matrix, inputs: Matrix, labels: [Double]) -> [Double] {
    indices(of: queries, in: inputs).map { labels[$0] }
  }
}
