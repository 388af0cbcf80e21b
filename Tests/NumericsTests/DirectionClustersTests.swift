import Testing

@testable import Numerics

@Suite struct DirectionClustersTests {
  /// Moved from the deng2020 tests: local maxima merge by the cosine of their end points. [0.9999, 0.01] is at
  /// cosine ≈ 0.99995 from [1, 0] and [1, 0.001] at ≈ 0.9999995: both join it at 0.999; [0, 1] is at cosine 0,
  /// a new cluster; [−1, 0] is not kept.
  @Test func endPointsMergeByTheirCosine() {
    let ends: [[Double]] = [[1, 0], [0.9999, 0.01], [0, 1], [-1, 0], [1, 0.001]]
    let keep = [true, true, true, false, true]
    let merged = DirectionClusters(ends, where: keep, mergeCosine: 0.999)
    #expect(merged.representatives == [0, 2])
    #expect(merged.label == [0, 0, 1, -1, 0])
    #expect(merged.count == 2)
    // At cosine 1 only identical directions merge: four kept points, four clusters.
    let strict = DirectionClusters(ends, where: keep, mergeCosine: 1)
    #expect(strict.representatives == [0, 1, 2, 4])
  }

  /// Length does not matter, only direction; greedy order: a point is compared with the representatives only.
  /// [1, 0] and [0.6, 0.8] are at cosine 0.6; [0.8, 0.6] is at 0.8 from the first and 0.96 from the second, and
  /// joins the first representative it is close enough to (at threshold 0.75: the first).
  @Test func clustersAreGreedyInTheOrderOfThePoints() {
    let points: [[Double]] = [[2, 0], [0.6, 0.8], [8, 6]]
    let c = DirectionClusters(points, where: [true, true, true], mergeCosine: 0.75)
    #expect(c.label == [0, 1, 0])
    let tight = DirectionClusters(points, where: [true, true, true], mergeCosine: 0.9)
    #expect(tight.label == [0, 1, 1])
    #expect(DirectionClusters(points, where: [false, false, false], mergeCosine: 0).count == 0)
  }
}
