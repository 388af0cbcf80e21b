import Harness
import Numerics

extension Gao2019 {
  /// The memory of one run at the largest width (runs are sequential).
  static func memory(_ p: Point, width m: Int) -> MemoryEstimate {
    let (n, d, w) = (Double(p.int("n")), Double(p.int("d")), Double(m))
    return MemoryEstimate(
      doubles: n * d + 5 * w * d + 6 * n * w,
      "n·d + 5·m·d + 6·n·m doubles at m = m_max: the inputs, the weights with W(0), the gradient and copies, the activations",
      lower: ["d", "n", "m_max"])
  }
}
