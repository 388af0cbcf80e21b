import Foundation
import Numerics
import Testing

@testable import Experiments
@testable import Frei2023Experiments
@testable import Harness

/// frei2023's regime map (`regime-correlation.swift`): the per-run collapse radius and premise ratio, and the
/// premise's formula boundary, against hand-computed answers.
@Suite struct Frei2023RegimeTests {
  @Test func collapseRadiusIsTheMedianWithUnflippedPointsAtInfinity() {
    // Radii 0 (misclassified), 0.2, 0.5, NaN (no flip within reach: robust on every grid): the share not flipped
    // within ε falls to ½ between 0.2 and 0.5, the median of 0, 0.2, 0.5, +∞.
    #expect(Frei2023.collapseRadius([0.5, .nan, 0, 0.2]) == 0.35)
    // Half the points never flipped: robust accuracy never falls below ½ on any grid.
    #expect(Frei2023.collapseRadius([.nan, .nan, 0.1]) == .infinity)
    #expect(Frei2023.collapseRadius([0.3]) == 0.3)
  }

  @Test func premiseRatioIsTheLargerOfTheTwo() {
    var r = Record()
    r.set("premise_means_ratio", 0.4, "")
    r.set("premise_noise_ratio", 1.3, "")
    #expect(Frei2023.premiseRatio(r) == 1.3)
  }

  @Test func theoryBoundaryIsTheMeansConditionAtSigmaOne() {
    // 2k²·ln(k(k − 1)) at k = 4: 32·ln 12 = 79.5; the noise's 4k = 16 is below it.
    #expect(abs(Frei2023.premiseBoundaryDimension(k: 4) - 32 * log(12.0)) < 1e-9)
    #expect(abs(Frei2023.premiseBoundaryDimension(k: 32) - 2048 * log(992.0)) < 1e-9)
    // At a large noise the noise's condition binds: σ = 10, k = 2: 4·2·100 = 800 > 8·ln 2.
    #expect(Frei2023.premiseBoundaryDimension(k: 2, noise: 10) == 800)
    // The random means' expected ratio k·√(2 ln(k(k−1))/d) is 1 on the boundary.
    for k in [4.0, 8, 16, 32] {
      let d = Frei2023.premiseBoundaryDimension(k: k)
      #expect(abs(k * (2 * log(k * (k - 1)) / d).squareRoot() - 1) < 1e-12)
    }
  }
}
