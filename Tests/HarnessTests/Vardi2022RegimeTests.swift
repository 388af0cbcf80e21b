import Foundation
import Numerics
import Testing

@testable import Experiments
@testable import Harness
@testable import Vardi2022Experiments

/// vardi2022-regime-orthogonality (issue 26, item 5): the theory's boundary against hand-worked quantiles, the map's
/// statistics on orthogonal data (where the theory gives them exactly), and one run recording what the map reads.
@Suite struct Vardi2022RegimeTests {
  /// c_n, the median of the largest of n − 1 half-normal draws: n = 2 is the median of |N(0, 1)|, Φ⁻¹(3/4) = 0.67449;
  /// n = 3 solves (2Φ(c) − 1)² = ½, Φ(c) = (1 + 2^{−1/2})/2 = 0.853553, c = 1.051796 (Φ(1.05) = 0.85314, Φ(1.06) = 0.85543).
  @Test func medianLargestCrossTermMatchesNormalQuantiles() {
    #expect(abs(Vardi2022.medianLargestCrossTerm(2) - 0.674490) < 1e-5)
    #expect(abs(Vardi2022.medianLargestCrossTerm(3) - 1.051796) < 1e-5)
    // It grows with n, like √(2 ln n) but below √(2 ln 2n).
    let c80 = Vardi2022.medianLargestCrossTerm(80)
    #expect(c80 > Vardi2022.medianLargestCrossTerm(40) && c80 < (2 * log(160.0)).squareRoot())
  }

  /// The boundary's row n at a column d solves n·c_n = √d: back at the d it was built from.
  @Test func theoryBoundaryInvertsTheMedianRatio() {
    for n in [5.0, 10, 40, 80] {
      let d = pow(n * Vardi2022.medianLargestCrossTerm(n), 2)
      #expect(abs(Vardi2022.theoryBoundaryN(atD: d) / n - 1) < 1e-9, "n \(n) d \(d)")
    }
    #expect(Vardi2022.theoryBoundaryN(atD: 8000) < Vardi2022.theoryBoundaryN(atD: 32000))
  }

  /// On orthogonal data x_i = √d·e_i with every radius ‖x‖/√n (the theorem's value), radius·√n/‖x‖ = 1, and R's
  /// certificate is ‖x‖/2, so the ratio to it is 2/√n; where R certifies nothing the ratio is NaN.
  @Test func statisticsOnOrthogonalData() {
    let (n, d) = (4, 16)
    var rows = [[Double]](repeating: [Double](repeating: 0, count: d), count: n)
    for i in 0..<n { rows[i][i] = Double(d).squareRoot() }
    let data = TrainingSet(x: Matrix(rowVectors: rows), y: [1, -1, 1, -1])
    let radius = Double(d).squareRoot() / Double(n).squareRoot()
    var r = Record()
    Vardi2022.recordRegimeStatistics(&r, data: data, radii: [radius, radius, radius, radius])
    #expect(abs(r["prediction_relative_radius"]! - 1) < 1e-12)
    #expect(abs(r["prediction_over_robust"]! - 2 / Double(n).squareRoot()) < 1e-12)
    // Two equal points: R's certificate is (‖x‖²/2 − ‖x‖²)/‖x‖ < 0.
    let equal = TrainingSet(x: Matrix(rowVectors: [[3, 4], [3, 4]]), y: [1, -1])
    var s = Record()
    Vardi2022.recordRegimeStatistics(&s, data: equal, radii: [1, 1])
    #expect(s["prediction_over_robust"]!.isNaN)
  }

  /// One quick-preset run records the map's statistic, premise and the usual columns, consistently.
  @Test func oneRunRecordsWhatTheMapReads() throws {
    let c = try Configuration(
      experiment: Vardi2022RegimeOrthogonality.self, preset: .quick, overrides: ["n=5", "d=40", "seeds=1"])
    let p = c.points[0]
    var rng = RandomSource(seed: 1)
    let r = try Vardi2022RegimeOrthogonality.run(p, rng: &rng)
    let map = Vardi2022.regimeMap
    let statistic = try #require(r[map.statistic])
    let premise = try #require(r[map.premise])
    let expected = r["flip_radius_median"]! * 5.0.squareRoot() / r["input_norm"]!
    #expect(abs(statistic - expected) < 1e-12 * expected)
    #expect(premise > 0 && premise.isFinite)
    #expect(map.rows == "n" && map.columns == "d")
  }
}
