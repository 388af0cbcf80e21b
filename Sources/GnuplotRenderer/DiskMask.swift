import Foundation

/// A heat map shown only on a disk (`HeatMap.disk`): white over everything outside its circle.
extension Gnuplot {
  /// A closed outline that covers the plane outside the circle of `radius` around the origin (the circle
  /// counter-clockwise, then a frame far outside it clockwise, joined by a slit), filled white.
  static func diskMask(radius r: Double) -> [(Double, Double)] {
    let n = 256
    var out = (0...n).map { k -> (Double, Double) in
      let t = 2 * Double.pi * Double(k) / Double(n)
      return (r * cos(t), r * sin(t))
    }
    let f = 10 * r
    out += [(f, 0), (f, -f), (-f, -f), (-f, f), (f, f), (f, 0), (r, 0)]
    return out
  }
}
