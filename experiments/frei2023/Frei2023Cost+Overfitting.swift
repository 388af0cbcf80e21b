import Foundation
import Harness

extension Frei2023 {
  /// frei2023-benign-overfitting: the training (`trainingCost`, its step model) plus the contrasts on the same
  /// data: the NTK interpolator (the n × n Gram, n²·d, its Cholesky n³/3 and triangular solves, the
  /// n_test × n kernel, 2·n_test·n·d, and its arccos per entry, counted as 20 elementwise units), the nearest
  /// neighbour (2·n_test·n·d), and the Bayes and nearest-mean rules (2·2·n_test·k·d).
  static func overfittingCost(_ p: Point) -> CostEstimate {
    let (d, n, t, k) = (Double(p.int("d")), Double(p.int("n")), Double(p.int("n_test")), Double(p.int("k")))
    let contrasts = CostEstimate(
      gemmFlops: 2 * n * n * d + n * n * n / 3 + 4 * t * n * d + 4 * t * k * d,
      elementwise: 20 * (n * n + t * n),
      "2·n²·d + n³/3 + 4·n_test·n·d + 4·n_test·k·d (kernel interpolator, nearest neighbour, Bayes rule)")
    let training = trainingCost(p, n: p.int("n"))
    return (training + contrasts).described(training.what + "; " + contrasts.what)
  }
}
