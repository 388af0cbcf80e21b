import Foundation
import Numerics
import Testing

@testable import Experiments
@testable import Gao2019Experiments
@testable import Harness

/// The counts behind gao2019-convergence-rates' rate claims and gao2019-width-needed's minimal width, against
/// hand-computed answers.
@Suite struct Gao2019RatesAndWidthTests {
  /// T = c/ε² at every level gives exponent 2 exactly; T = c/ε gives 1.
  @Test func epsilonExponentOfAPowerLaw() {
    let levels = Gao2019.epsilonLevels(0.01)
    #expect(levels == [0.08, 0.04, 0.02, 0.01, 0.005])
    let square = Gao2019.epsilonExponent(levels.map { 3 / ($0 * $0) }, levels: levels)
    let linear = Gao2019.epsilonExponent(levels.map { 5 / $0 }, levels: levels)
    #expect(abs(square - 2) < 1e-12 && abs(linear - 1) < 1e-12)
    #expect(Gao2019.epsilonExponent([0, 1, 2, 3, 4], levels: levels).isNaN)
    #expect(Gao2019.epsilonExponent([1, 2, .nan, 3, 4], levels: levels).isNaN)
  }

  /// The first index whose running minimum is within ε of the reference, per level.
  @Test func iterationsToLevelsByHand() {
    let best = [0.9, 0.61, 0.52, 0.45, 0.405, 0.403]
    let counts = Gao2019.iterationsToLevels(best, reference: 0.4, levels: [0.2, 0.1, 0.01, 0.001])
    #expect(counts[0] == 2 && counts[1] == 3 && counts[2] == 4)
    #expect(counts[3].isNaN)
  }

  /// The smallest width from which on every gap is within ε: a good narrow width followed by a bad one does not count.
  @Test func minimalWidthByHand() {
    let widths = [2, 4, 8, 16]
    #expect(Gao2019.minimalWidth(widths: widths, gaps: [0, 0.05, 0.005, 0.001], epsilon: 0.01) == 8)
    #expect(Gao2019.minimalWidth(widths: widths, gaps: [0, 0.05, 0.005, 0.001], epsilon: 0.1) == 2)
    #expect(Gao2019.minimalWidth(widths: widths, gaps: [0, 0, 0, 0.02], epsilon: 0.01).isNaN)
  }

  /// The ladder 2, 4, …, m_max of width-needed.
  @Test func widthLadder() throws {
    let c = try Configuration(experiment: Gao2019WidthNeeded.self, preset: .quick, overrides: ["m_max=16"])
    #expect(Gao2019WidthNeeded.widths(c.points[0]) == [2, 4, 8, 16])
  }
}
