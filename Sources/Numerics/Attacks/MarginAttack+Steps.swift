import Foundation

/// One normalised step of `MarginAttack.gradient` for every row of Δ (n × d, row-major): with `tangential`,
/// where δ_i is on the sphere (‖δ_i‖² ≥ `edge`) and −g_i points out, g_i loses its radial part; then
/// δ_i ← δ_i − `length`·g_i/‖g_i‖ (rows with g_i = 0 or NaN stay), projected back onto ‖δ_i‖ ≤ `radius`.
/// `g` is modified (its tangential part). Each row's numbers are its own, summed in the order of k; four rows
/// go at once as the four lanes of SIMD4 (the same operations in the same order per lane, so bit for bit the
/// row-at-a-time loop `stepRow`), because at small d one row's sums are chains of dependent adds.
func normalisedSteps(
  _ g: UnsafeMutablePointer<Double>, _ x: UnsafeMutablePointer<Double>, rows n: Int, dimension d: Int,
  length: Double, radius: Double, edge: Double, tangential: Bool
) {
  var i = 0
  while i + 4 <= n {
    stepRows(g + i * d, x + i * d, d, length, radius, edge, tangential)
    i += 4
  }
  while i < n {
    stepRow(g + i * d, x + i * d, d, length, radius, edge, tangential)
    i += 1
  }
}

/// The step of one row (the reference the four-row step agrees with bit for bit).
@inline(__always)
func stepRow(
  _ g: UnsafeMutablePointer<Double>, _ x: UnsafeMutablePointer<Double>, _ d: Int, _ length: Double,
  _ radius: Double, _ edge: Double, _ tangential: Bool
) {
  if tangential {
    // On the sphere with −g pointing out: keep only g's tangential part.
    var r2 = 0.0
    var gx = 0.0
    for k in 0..<d {
      r2 += x[k] * x[k]
      gx += g[k] * x[k]
    }
    if r2 >= edge && gx < 0 {
      let c = gx / r2
      for k in 0..<d { g[k] -= c * x[k] }
    }
  }
  var g2 = 0.0
  for k in 0..<d { g2 += g[k] * g[k] }
  guard g2 > 0 else { return }
  let scale = length / g2.squareRoot()
  var r2 = 0.0
  for k in 0..<d {
    x[k] -= scale * g[k]
    r2 += x[k] * x[k]
  }
  if r2 > radius * radius {
    let c = radius / r2.squareRoot()
    for k in 0..<d { x[k] *= c }
  }
}

/// `stepRow` for the rows at `g`, `x` and the three after them, as lanes; the branches as lane masks. The four rows
/// are addressed by their own pointers (no index arithmetic per element) and a masked store is a plain store when
/// every lane takes it (the common case: every row moves, most end outside the ball).
@inline(__always)
private func stepRows(
  _ g: UnsafeMutablePointer<Double>, _ x: UnsafeMutablePointer<Double>, _ d: Int, _ length: Double,
  _ radius: Double, _ edge: Double, _ tangential: Bool
) {
  let (g0, g1, g2, g3) = (g, g + d, g + 2 * d, g + 3 * d)
  let (x0, x1, x2, x3) = (x, x + d, x + 2 * d, x + 3 * d)
  @inline(__always) func gradient(_ k: Int) -> SIMD4<Double> { SIMD4(g0[k], g1[k], g2[k], g3[k]) }
  @inline(__always) func point(_ k: Int) -> SIMD4<Double> { SIMD4(x0[k], x1[k], x2[k], x3[k]) }
  @inline(__always) func setGradient(_ v: SIMD4<Double>, _ k: Int) {
    g0[k] = v[0]
    g1[k] = v[1]
    g2[k] = v[2]
    g3[k] = v[3]
  }
  @inline(__always) func setPoint(_ v: SIMD4<Double>, _ k: Int) {
    x0[k] = v[0]
    x1[k] = v[1]
    x2[k] = v[2]
    x3[k] = v[3]
  }
  if tangential {
    var r2 = SIMD4<Double>.zero
    var gx = SIMD4<Double>.zero
    for k in 0..<d {
      let xk = point(k)
      r2 += xk * xk
      gx += gradient(k) * xk
    }
    let out = (r2 .>= SIMD4(repeating: edge)) .& (gx .< SIMD4<Double>.zero)
    if any(out) {
      let c = gx / r2
      for k in 0..<d {
        let gk = gradient(k)
        setGradient(gk.replacing(with: gk - c * point(k), where: out), k)
      }
    }
  }
  var gg = SIMD4<Double>.zero
  for k in 0..<d {
    let gk = gradient(k)
    gg += gk * gk
  }
  let moves = gg .> SIMD4<Double>.zero
  guard any(moves) else { return }
  let scale = SIMD4(repeating: length) / gg.squareRoot()
  var r2 = SIMD4<Double>.zero
  if all(moves) {
    for k in 0..<d {
      let moved = point(k) - scale * gradient(k)
      r2 += moved * moved
      setPoint(moved, k)
    }
  } else {
    for k in 0..<d {
      let xk = point(k)
      let moved = xk - scale * gradient(k)
      r2 += moved * moved
      setPoint(xk.replacing(with: moved, where: moves), k)
    }
  }
  let outside = moves .& (r2 .> SIMD4(repeating: radius * radius))
  guard any(outside) else { return }
  let c = SIMD4(repeating: radius) / r2.squareRoot()
  if all(outside) {
    for k in 0..<d { setPoint(point(k) * c, k) }
  } else {
    for k in 0..<d {
      let xk = point(k)
      setPoint(xk.replacing(with: xk * c, where: outside), k)
    }
  }
}
