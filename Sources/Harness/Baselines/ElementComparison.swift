extension Baselines {
  /// Element-wise: NaN must meet NaN, infinities must be equal, the rest within tolerance.
  static func compare(_ xs: [Double], _ ys: [Double], _ tol: Tolerance, into d: inout some DiffRow) {
    for (x, y) in zip(xs, ys) {
      if x.isNaN || y.isNaN || x.isInfinite || y.isInfinite {
        if !(x.isNaN && y.isNaN) && x != y {
          d.status = .differs
          d.maxAbsolute = .infinity
          d.maxRelative = .infinity
          d.note = "NaN or infinity where the baseline has \(formatNumber(y))"
        }
        continue
      }
      let abs = Swift.abs(x - y)
      let scale = max(Swift.abs(x), Swift.abs(y))
      let rel = scale > 0 ? abs / scale : 0
      d.maxAbsolute = max(d.maxAbsolute, abs)
      d.maxRelative = max(d.maxRelative, rel)
      if abs > tol.absolute && rel > tol.relative { d.status = .differs }
    }
  }
}
