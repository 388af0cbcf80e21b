import Foundation
import Numerics
import Testing

@testable import Experiments
@testable import Frei2023Experiments
@testable import Harness

/// The premise of frei2023's non-robustness claims (`Frei2023RobustPremise.swift`) against hand-computed answers,
/// and the collapse band against the collapsed-means control it must reject.
@Suite struct Frei2023RobustPremiseTests {
  /// Four means e_1, e_2 (label +1), e_3, e_4 (label −1) of norm 2 in R⁵: u = (e_1 + e_2 − e_3 − e_4)/2.
  static let mixture = ClusterMixture(
    means: Matrix(rows: 4, cols: 5, storage: [2, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 0]),
    labels: [1, 1, -1, -1], noise: 1)

  @Test func meansRatioIsKTimesTheLargestCosine() {
    #expect(Frei2023.meansPremiseRatio(Self.mixture) == 0)
    // μ_2 tilted towards μ_1 by cos = 0.6: ratio 4·0.6.
    let tilted = ClusterMixture(
      means: Matrix(rows: 4, cols: 5, storage: [2, 0, 0, 0, 0, 1.2, 1.6, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 0]),
      labels: [1, 1, -1, -1], noise: 1)
    #expect(abs(Frei2023.meansPremiseRatio(tilted) - 2.4) < 1e-12)
  }

  @Test func noiseRatioIsTheRMSProjectionOnUInUnitsOfHalfTheRadius() {
    // Two points: μ_1 + 0.1·u·2 (projection on u 0.2 beyond the mean's) and μ_3 + e_5 (orthogonal to u: 0).
    let u = Self.mixture.universalDirection
    let a = zip([2.0, 0, 0, 0, 0], u).map { $0 + 0.2 * $1 }
    let points = TrainingSet(x: Matrix(rows: 2, cols: 5, storage: a + [0, 0, 2, 0, 1]), y: [1, -1])
    // rms = √(0.2²/2); ratio = 2·√4·rms/‖μ‖ = 2·2·0.1414/2.
    let expected = 2 * 2 * (0.04 / 2).squareRoot() / 2
    #expect(abs(Frei2023.noisePremiseRatio(Self.mixture, points, cluster: [0, 2]) - expected) < 1e-12)
  }

  @Test func theBandRejectsCollapsedMeansAtEveryK() {
    // Collapsed means flip at ‖μ‖/√2: radius·√k/‖μ‖ = √(k/2), outside the band from k = 4 on; orthogonal ones at 1.
    for k in [4.0, 8, 16, 64] { #expect(!Frei2023.collapseBand.contains((k / 2).squareRoot())) }
    #expect(Frei2023.collapseBand.contains(1))
    // The gap's band rejects the collapsed control's √(2/k) and holds 1.
    for k in [4.0, 8, 16, 64] { #expect(!Frei2023.gapBand.contains((2 / k).squareRoot())) }
    #expect(Frei2023.gapBand.contains(1))
  }
}
