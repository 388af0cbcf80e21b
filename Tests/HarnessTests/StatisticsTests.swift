import Testing

@testable import Harness

@Suite struct StatisticsTests {
  @Test func quantilesInterpolateAndNeverDropNaN() {
    #expect(Statistics.median([3, 1, 2]) == 2)
    #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
    #expect(Statistics.quantile([1, 2, 3, 4, 5], 0.25) == 2)
    // A missing value is never averaged away.
    #expect(Statistics.median([.nan, 1, 3]).isNaN)
    #expect(Statistics.median([]).isNaN)
    #expect(Statistics.mean([1, 2, .nan, 6]).isNaN)
    #expect(Statistics.mean([1, 2, 6]) == 3)
    #expect(Statistics.missing([1, .nan, .nan]) == 2)
  }

  @Test func linearFitRecoversALine() {
    let x: [Double] = [1, 2, 3, 4]
    let fit = Statistics.linearFit(x, x.map { 0.5 * $0 - 2 })
    #expect(abs(fit.slope - 0.5) < 1e-12 && abs(fit.intercept + 2) < 1e-12)
  }
}
