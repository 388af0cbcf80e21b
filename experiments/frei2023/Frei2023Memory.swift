import Harness

extension Frei2023 {
  /// Memory of one point of a frei2023 module with `n` training points (set by the parameter `sizes`), from d, m,
  /// k and n_test: the training
  /// and test inputs and the k means (n·d, n_test·d, k·d, and R's k × d weights); the trained network's m × d
  /// weights, held about four times (as vardi2022's trainer); the n × m activations of training and the
  /// n_test × m of the evaluations; the Gram matrices.
  static func memory(_ p: Point, n: Int, sizes: String) -> MemoryEstimate {
    let (d, m, k, t, n) = (
      Double(p.int("d")), Double(p.int("m")), Double(p.int("k")), Double(p.int("n_test")), Double(n)
    )
    return MemoryEstimate(
      doubles: (n + t + 2 * k) * d + 4 * m * d + 6 * n * m + 3 * t * m + 3 * n * n,
      "(n + n_test + 2k)·d + 4·m·d + 6·n·m + 3·n_test·m + 3·n² doubles: the data, the means and R, the weights and their copies, the activations",
      lower: ["d", "m", sizes, "n_test"])
  }
}
