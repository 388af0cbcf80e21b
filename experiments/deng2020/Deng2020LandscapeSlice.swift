import Figures
import Foundation
import HDF5
import Harness
import Numerics

// The 2-D slice of ℓ that a deng2020-landscape point (`landscape.swift`) records at seed 0 (parameters `grid` and
// `paths`); the plane and the grid are `SlicePlane` (Numerics), the figure drawn from it is in
// `Deng2020LandscapeFigures.swift`. A shared file of the paper: it names no module.
extension Deng2020 {
  /// ℓ on a plane through the centre of the ball that contains the local maxima found (`SlicePlane`), so that
  /// the slice shows the landscape's modes where they are: u₁ = the best maximum's direction, u₂ ⊥ u₁ in the
  /// plane of the best maximum and the one farthest from it in angle; with a single maximum (or all within 3°
  /// of the best), u₂ comes from ∇f(x), or a random direction when ∇f is along u₁. The grid covers every cell
  /// that meets the disk (a figure clips it to the circle); PGA paths (projected) of restarts that ended at a
  /// maximum on the plane; every maximum projected, with its distance from the plane.
  ///
  /// Records `slice_loss` (grid × grid, ℓ at ε·(a·u₁ + b·u₂), NaN on cells that miss the disk),
  /// `slice_coordinate` (a, b), `maxima_u`, `maxima_v` (each distinct maximum's coordinates / ε),
  /// `maxima_off_plane` (its distance from the plane / ε), `maxima_value` (ℓ there), `path<k>_u`, `_v`, and
  /// the note `slice_u2` (`second maximum`, `gradient` or `random`: where u₂ came from).
  static func recordSlice(
    _ p: Point, loss: AdversarialLoss, pga: inout ProjectedGradientAscent, starts: [[Double]], ends: [[Double]],
    clusters: DirectionClusters, values: [Double], gradient: [Double], epsilon: Double,
    rng: inout RandomSource, into r: inout Record
  ) throws {
    let maxima = clusters.representatives.sorted { values[$0] > values[$1] }
    let plane = SlicePlane(through: ends, maxima: maxima, fallback: gradient, rng: &rng)
    let notes: [SlicePlane.Source: String] = [
      .secondMaximum: "second maximum", .fallback: "gradient", .random: "random",
    ]
    r.note("slice_u2", notes[plane.source]!)
    let g = p.int("grid")
    let coordinates = SlicePlane.gridCoordinates(g)
    var l = loss
    let slice = plane.slice(grid: g, radius: epsilon) { l.value(at: $0) }
    // NaN is declared for the cells that miss the disk only: a non-finite loss on the disk is arithmetic that
    // broke down (the activation overflows at this ε), not a value of the landscape.
    let onDisk = coordinates.indices.flatMap { i in
      coordinates.indices.compactMap { j in
        SlicePlane.meetsDisk(coordinates[j], coordinates[i], grid: g) ? slice[i * g + j] : nil
      }
    }
    let broken = onDisk.filter { !$0.isFinite }.count
    if broken > 0 {
      throw ReproError.failed(
        "'slice_loss' holds \(broken) non-finite value(s) on the \(onDisk.count) cells of the disk, where ℓ is finite: the loss overflows at ε = \(formatNumber(epsilon)) with this activation; lower s or r"
      )
    }
    r.set(
      "slice_loss", NDArray(shape: [g, g], values: slice),
      "ℓ(ε(a·u₁ + b·u₂)) on a grid × grid slice through the centre: row b, column a (both slice_coordinate); u₁ along the best maximum, u₂ ⊥ u₁ from the note slice_u2; NaN on cells that miss the disk",
      allowing: .nan
    )
    r.set("slice_coordinate", coordinates, "the grid coordinates a and b of slice_loss", units: "ε")
    r.set(
      "maxima_u", maxima.map { plane.coordinates(of: ends[$0], scale: epsilon).u },
      "per distinct maximum, best first: its coordinate along u₁", units: "ε")
    r.set(
      "maxima_v", maxima.map { plane.coordinates(of: ends[$0], scale: epsilon).v },
      "per distinct maximum, best first: its coordinate along u₂", units: "ε")
    r.set(
      "maxima_off_plane", maxima.map { plane.distance(of: ends[$0], scale: epsilon) },
      "per distinct maximum, best first: its distance from the plane of the slice", units: "ε")
    r.set("maxima_value", maxima.map { values[$0] }, "per distinct maximum, best first: the loss ℓ there")

    // Paths: the first restart into each maximum on the plane (best first), then other restarts that ended
    // at one of them (a path into a maximum off the plane would end inside the disk, projected).
    let onPlane = [maxima.first, plane.second].compactMap { $0 }
    var chosen = Array(onPlane.prefix(p.int("paths")))
    let planeClusters = Set(onPlane.map { clusters.label[$0] })
    for k in starts.indices where chosen.count < p.int("paths") && !chosen.contains(k) {
      if planeClusters.contains(clusters.label[k]) { chosen.append(k) }
    }
    for (n, k) in chosen.enumerated() {
      var us: [Double] = []
      var vs: [Double] = []
      _ = pga.run(from: starts[k]) { _, delta in
        let (u, v) = plane.coordinates(of: delta, scale: epsilon)
        us.append(u)
        vs.append(v)
      }
      r.set(
        "path\(n)_u", us, "PGA path \(n) (restart \(k + 1)), iterate by iterate: its coordinate along u₁", units: "ε")
      r.set(
        "path\(n)_v", vs, "PGA path \(n) (restart \(k + 1)), iterate by iterate: its coordinate along u₂", units: "ε")
    }
  }
}
