import Foundation
import Testing

@testable import Experiments
@testable import Harness

/// deng2020-pga-iterations' own pieces: the growth fits and the tolerance levels.
@Suite struct Deng2020PgaTests {
  @Test func powerLawDataFitThePowerLaw() {
    let x = [8.0, 16, 32, 64, 128]
    let fit = GrowthFit(x, x.map { 3 * pow($0, 1.5) })
    #expect(abs(fit.exponent - 1.5) <= 1e-12 && fit.powerResidual <= 1e-20)
    #expect(fit.exponentialResidual > 0.1 && fit.logRatio < -10)
  }

  @Test func exponentialDataFitTheExponential() {
    let x = [1.0, 2, 3, 4, 5, 6]
    let fit = GrowthFit(x, x.map { 2 * exp(0.5 * $0) })
    #expect(abs(fit.rate - 0.5) <= 1e-12 && fit.exponentialResidual <= 1e-20)
    #expect(fit.powerResidual > 0.01 && fit.logRatio > 10)
  }

  @Test func flatOrMissingDataDecideNothing() {
    #expect(GrowthFit([1, 2, 4], [5, 5, 5]).logRatio == 0)
    #expect(GrowthFit([1, 2, 4], [5, .infinity, 5]).logRatio.isNaN)
    #expect(GrowthFit([1, 2], [5, 6]).logRatio.isNaN)
  }

  @Test func toleranceLevelsAreDecadesDownToTheFinest() {
    let levels = Deng2020.toleranceLevels(finest: 1e-8)
    #expect(levels.count == 7 && levels.first == 1e-2 && abs(levels.last! / 1e-8 - 1) <= 1e-12)
    #expect(Deng2020.toleranceLevels(finest: 0.5) == [0.5])
  }
}
