/// Points grouped by direction: greedy merging by the cosine of the angle between them, as used to count the
/// distinct local maxima that restarts of an attack end at (two end points in nearly the same direction from
/// the centre of the ball are one maximum).
///
/// Each kept point joins the first earlier cluster whose representative (its first point) has cosine ≥
/// `mergeCosine` with it, else starts a new cluster. The result depends on the order of the points: the
/// first point of a cluster is its representative, and later points are compared with it only.
public struct DirectionClusters: Sendable, Equatable {
  /// Per point: the index of its cluster (0, 1, … in order of first appearance), −1 for a point not kept.
  public let label: [Int]
  /// Per cluster: the index of its first point.
  public let representatives: [Int]

  /// Clusters the points `keep` admits; a zero vector has cosine 0 with every other point.
  public init(_ points: [[Double]], where keep: [Bool], mergeCosine: Double) {
    var label = [Int](repeating: -1, count: points.count)
    var representatives: [Int] = []
    for k in points.indices where keep[k] {
      let u = normalized(points[k])
      if let c = representatives.firstIndex(where: { dot(normalized(points[$0]), u) >= mergeCosine }) {
        label[k] = c
      } else {
        label[k] = representatives.count
        representatives.append(k)
      }
    }
    self.label = label
    self.representatives = representatives
  }

  /// How many distinct directions.
  public var count: Int { representatives.count }
}
