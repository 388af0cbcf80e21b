import Foundation
import Testing

@testable import Numerics

@Suite struct SlicePlaneTests {
  static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }

  /// Two maxima 90° apart: u₁ along the best, u₂ along the other; both lie on the plane, at their own
  /// coordinates, and no random draw is taken.
  @Test func thePlaneContainsTheBestAndTheFarthestMaximum() {
    let points: [[Double]] = [[0, 3, 0], [2, 0, 0], [0, 2.9, 0.01]]
    var rng = RandomSource(key: "slice")
    var untouched = RandomSource(key: "slice")
    let plane = SlicePlane(through: points, maxima: [0, 1, 2], fallback: [0, 0, 1], rng: &rng)
    #expect(plane.source == .secondMaximum && plane.second == 1)
    #expect(plane.u1 == [0, 1, 0] && plane.u2 == [1, 0, 0])
    #expect(rng.next() == untouched.next())
    #expect(plane.coordinates(of: points[1], scale: 2) == (u: 0, v: 1))
    #expect(plane.distance(of: points[0]) == 0 && plane.distance(of: points[1]) == 0)
    #expect(Self.close(plane.distance(of: points[2], scale: 0.01), 1))
  }

  /// Gram–Schmidt: with a single maximum, u₂ is the part of the fallback orthogonal to u₁, normalised, so
  /// (u₁, u₂) is orthonormal and spans the maximum and the fallback.
  @Test func aSingleMaximumTakesTheFallbackOrthonormalised() {
    var rng = RandomSource(key: "slice")
    let plane = SlicePlane(through: [[1, 1, 0]], maxima: [0], fallback: [1, 0, 0], rng: &rng)
    #expect(plane.source == .fallback && plane.second == nil)
    let h = 0.5.squareRoot()
    #expect(Self.close(plane.u1[0], h) && Self.close(plane.u1[1], h) && plane.u1[2] == 0)
    #expect(Self.close(plane.u2[0], h) && Self.close(plane.u2[1], -h) && plane.u2[2] == 0)
    #expect(Self.close(dot(plane.u1, plane.u2), 0) && Self.close(norm(plane.u2), 1))
    #expect(Self.close(plane.distance(of: [1, 0, 0]), 0))
  }

  /// A fallback along u₁ leaves only a random direction, drawn from `rng`, still orthonormal to u₁.
  @Test func aFallbackAlongTheMaximumDrawsARandomDirection() {
    var rng = RandomSource(key: "slice")
    let plane = SlicePlane(through: [[0, 0, 2]], maxima: [0], fallback: [0, 0, -1], rng: &rng)
    #expect(plane.source == .random)
    #expect(plane.u1 == [0, 0, 1] && Self.close(dot(plane.u1, plane.u2), 0) && Self.close(norm(plane.u2), 1))
  }

  /// A 3 × 3 grid at −1, 0, 1: every cell meets the unit disk (the corners' cells reach within half a
  /// diagonal, √2 − √2/2·… ≤ 1 + √½); the slice evaluates the function at radius·(a·u₁ + b·u₂), row b.
  @Test func theSliceEvaluatesOnTheGridRowByRow() {
    #expect(SlicePlane.gridCoordinates(3) == [-1, 0, 1])
    #expect(SlicePlane.meetsDisk(1, 1, grid: 3))  // √2 ≤ 1 + √2/2
    #expect(!SlicePlane.meetsDisk(1, 1, grid: 11))  // √2 > 1 + 0.2·√½
    var rng = RandomSource(key: "slice")
    let plane = SlicePlane(through: [[1, 0], [0, 1]], maxima: [0, 1], fallback: [1, 0], rng: &rng)
    let slice = plane.slice(grid: 3, radius: 2) { $0[0] + 10 * $0[1] }
    // Row b = −1: a = −1, 0, 1 → δ = 2(a, b).
    #expect(slice == [-22, -20, -18, -2, 0, 2, 18, 20, 22])
  }
}
