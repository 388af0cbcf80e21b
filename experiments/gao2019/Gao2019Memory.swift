import Harness

extension Gao2019 {
  /// Memory of one point of a gao2019 module, from n, d and m: the n × d inputs; the m × d weights, held about
  /// five times at once (W, W(0) for the distance travelled, the gradient, the projection's and the attack's
  /// copies); the n × m activations of training and of the attacks.
  static func memory(_ p: Point) -> MemoryEstimate {
    let (n, d, m) = (Double(p.int("n")), Double(p.int("d")), Double(p.int("m")))
    return MemoryEstimate(
      doubles: n * d + 5 * m * d + 6 * n * m,
      "n·d + 5·m·d + 6·n·m doubles: the inputs, the weights with W(0), the gradient and copies, the activations",
      lower: ["d", "n", "m"])
  }
}
