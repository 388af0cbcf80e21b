import Foundation
import Numerics
import Testing

@testable import Experiments
@testable import Harness
@testable import Vardi2022Experiments

/// Common random numbers: a point's data and initial network depend only on what defines them.
@Suite struct Vardi2022StreamTests {
  static func point(_ overrides: [String], seed: Int = 0) throws -> Point {
    let c = try Configuration(experiment: Vardi2022Width.self, preset: .quick, overrides: overrides)
    return c.points.first { $0.seed == seed }!
  }

  static func draws(_ p: Point) -> (data: [Double], network: [Double]) {
    let (data, trainer) = Vardi2022.trainer(p, d: p.int("d"), n: p.int("n"), m: p.int("m"))
    return (data.x.storage + data.y, trainer.network.weights.storage + trainer.network.outer)
  }

  @Test func theDataDoNotDependOnWidthStepRuleOrBudget() throws {
    let base = Self.draws(try Self.point(["m=10"]))
    for other in [["m=40"], ["m=10", "max_steps=7"], ["m=10", "rule=plain"], ["m=10", "loss=logistic"]] {
      #expect(Self.draws(try Self.point(other)).data == base.data, "\(other)")
    }
    // The network depends on m, and on the seed; the data on the seed and n.
    #expect(Self.draws(try Self.point(["m=10", "max_steps=7"])).network == base.network)
    #expect(Self.draws(try Self.point(["m=10"], seed: 1)).data != base.data)
    #expect(Self.draws(try Self.point(["m=10", "n=9"])).data != base.data)
    #expect(Self.draws(try Self.point(["m=10", "n=9"])).network == base.network)
  }

  /// The same (d, n, seed) gives the same data in every vardi2022 module.
  @Test func modulesShareTheirData() throws {
    let width = try Configuration(experiment: Vardi2022Width.self, preset: .quick, overrides: ["d=100", "n=8"])
    let dim = try Configuration(experiment: Vardi2022FlipVsDim.self, preset: .quick, overrides: ["d=100", "n=8"])
    let a = Vardi2022.dataStream(width.points[0])
    let b = Vardi2022.dataStream(dim.points[0])
    var (x, y) = (a, b)
    #expect(x.normals(5) == y.normals(5))
  }
}
