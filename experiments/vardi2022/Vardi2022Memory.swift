import Harness

extension Vardi2022 {
  /// Memory of one point of any vardi2022 module, from d, n and m: the n × d inputs; the m × d weights, held
  /// about three times at once (the network, the trainer's copy, the gradient); the n × m activations of the
  /// trainer and of the KKT diagnostics; the n × n Gram matrices. Measured: d = 20000, n = 20, m = 2000 peaks at
  /// 0.96 GiB (this says 1.3); d = 2000, n = 1000, m = 2000 at 205 MiB (this says 250).
  static func memory(_ p: Point) -> MemoryEstimate {
    let (d, n, m) = (Double(p.int("d")), Double(p.int("n")), Double(p.int("m")))
    return MemoryEstimate(
      doubles: n * d + 4 * m * d + 6 * n * m + 3 * n * n,
      "n·d + 4·m·d + 6·n·m + 3·n² doubles: the inputs, the weights and their copies, the activations, the Gram matrices",
      lower: ["d", "n", "m"])
  }
}
