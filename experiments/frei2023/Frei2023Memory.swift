import Harness

extension Frei2023 {
  /// Memory of one point of a frei2023 module with `n` training points (set by the parameter `sizes`), from d, m,
  /// k and n_test: the training
  /// and test inputs and the k means (n·d, n_test·d, k·d, and R's k × d weights); the trained network's m × d
  /// weights, held about four times (as vardi2022's trainer); the n × m activations of training and the
  /// n_test × m of the evaluations; the Gram matrices. A module that attacks (it has the parameter `attack`) also
  /// holds the m × m kernel K = W·Wᵀ, and for the universal start K's eigenvectors and dsyev's copy (3·m²), and
  /// `FlipAttack.firstFlips`'s batch: 64 slots of 9 vectors of m (the state, the warm and lowest end points, the
  /// packed GEMM rows and their products).
  static func memory(_ p: Point, n: Int, sizes: String) -> MemoryEstimate {
    let (d, m, k, t, n) = (
      Double(p.int("d")), Double(p.int("m")), Double(p.int("k")), Double(p.int("n_test")), Double(n)
    )
    let attacks = p.values.contains { $0.name == "attack" }
    let attack = attacks ? 3 * m * m + 64 * 9 * m : 0
    return MemoryEstimate(
      doubles: (n + t + 2 * k) * d + 4 * m * d + 6 * n * m + 3 * t * m + 3 * n * n + attack,
      "(n + n_test + 2k)·d + 4·m·d + 6·n·m + 3·n_test·m + 3·n² doubles: the data, the means and R, the weights and their copies, the activations"
        + (attacks ? "; + 3·m² + 576·m for the attack (K, its eigenvectors, the batch of 64)" : ""),
      lower: ["d", "m", sizes, "n_test"])
  }
}
