import Foundation
import Testing

@testable import Deng2020Experiments
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

  /// A tiny run of deng2020-pga-iterations through the runner: counts at every tolerance level, its figures
  /// (both fits drawn on each growth figure) and its claims.
  @Test func tinyIterationRunGivesCountsFiguresAndClaims() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("deng-pga-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let ws = Workspace(results: dir, figures: "\(dir)/figures", baselines: "\(dir)/baselines")
    let configuration = try Configuration(
      experiment: Deng2020PGAIterations.self, preset: .quick,
      overrides: ["d=4,6,8", "m=6,10,14", "restarts=2", "seeds=1", "tol=1e-4"])
    try ws.run(Deng2020PGAIterations.self, configuration, runner: Runner(jobs: 1, quiet: true))
    let results = try Results.read(ws.resultPath(Deng2020PGAIterations.id))
    #expect(results.points.count == 9)
    for p in results.points {
      #expect(p.array("tolerance_levels") == [1e-2, 1e-3, 1e-4])
      let hits = p.array("iterations_to_tol")
      #expect(hits.count == 6)
      // Counts never fall as the tolerance tightens, and the finest is the run's own count.
      for r in 0..<2 {
        #expect(hits[3 * r] <= hits[3 * r + 1] && hits[3 * r + 1] <= hits[3 * r + 2])
        #expect(hits[3 * r + 2] == p.array("iterations")[r])
      }
      #expect(p.scalar("step_size") == 1 / p.scalar("lipschitz_bound"))
    }
    let figures = try Deng2020PGAIterations.figures(results)
    #expect(
      figures.map(\.name) == ["iterations-vs-d", "iterations-vs-m", "iterations-vs-inverse-tol", "success-share"])
    #expect(figures[2].logX && figures[2].logY && figures[2].series.contains { $0.label.hasPrefix("exponential") })
    // Along d and m the bound's degree is drawn, not the two fits.
    for f in figures.prefix(2) {
      #expect(f.logX && f.logY && f.series.contains { $0.label.hasPrefix("bound's degree") })
    }
    let verdicts = Deng2020PGAIterations.claims.flatMap { $0.evaluate(results) }
    #expect(verdicts.count == 5 && verdicts.allSatisfy { !$0.observed.isEmpty })
    #expect(Deng2020PGAIterations.claims.allSatisfy { $0.controls.contains { $0.kind == .wrongRegime } })
  }
}
