import Harness

extension Deng2020 {
  /// Memory of one point of a deng2020 module, from d and m (and n training points where there are some): the
  /// m × d weights, held about three times (the network, the loss's copy, the gradient buffers); the d × d
  /// tangent Hessian of the second-order test and its eigen-decomposition; `vectors` d-vectors kept (restart
  /// starts and ends); `extra` other doubles (a slice, recorded paths). Measured: deng2020-landscape at
  /// d = 2000, m = 20000 peaks at 672 MiB above the process (this says 1.0 GiB).
  static func memory(
    _ p: Point, n: Int = 0, vectors: Int = 0, extra: Double = 0
  ) -> MemoryEstimate {
    let (d, m, n) = (Double(p.int("d")), Double(p.int("m")), Double(n))
    return MemoryEstimate(
      doubles: 3 * m * d + 4 * d * d + n * d + 4 * n * m + Double(vectors) * d + extra,
      "3·m·d + 4·d² + n·d + 4·n·m doubles and the restarts' vectors: the weights and their copies, the tangent Hessian, the data and its activations",
      lower: n > 0 ? ["d", "m", "n"] : ["d", "m"])
  }
}
