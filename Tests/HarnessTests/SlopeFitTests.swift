import Foundation
import Testing

@testable import Harness

/// The slope a figure shows is the one the claim judges.
@Suite struct SlopeFitTests {
  @Test func theFigureSlopeIsTheClaimsSlope() throws {
    var points: [PointResult] = []
    for seed in 0..<3 {
      for (k, d) in [100.0, 400, 1600].enumerated() {
        let y = 2 * pow(d, 0.5) * (1 + 0.01 * Double(seed * k))
        points.append(
          PointResult(
            index: points.count, values: [("d", .real(d)), ("seed", .int(seed))], scalars: ["y": y], arrays: [:],
            notes: [:]))
      }
    }
    let results = Results(path: "", attributes: [:], points: points)
    let fit = Claim.slopeFit(points, of: { $0.scalar("y") }, against: "d")
    let verdict = Claim.slope("s", reason: "r", of: { $0.scalar("y") }, against: "d", within: 0.4...0.6).evaluate(
      results)
    #expect(verdict.count == 1)
    #expect(verdict[0].value == fit.slope)
    #expect(fit.over == "over 3 seeds")
    #expect(fit.text.hasPrefix("fit: slope 0.5"))
    #expect(
      SlopeFit(slope: -0.513, halfWidth: 0.05, over: "of one fit").text == "fit: slope −0.51 ± 0.05 (95% CI of one fit)"
    )
  }
}
