import Foundation

/// The range a renderer fits to values when a figure gives none: from the smallest to the largest finite value
/// (positive on a log axis), 4% of the span (in decades on a log axis) added on each side so that no marker
/// touches the frame; `pad` false: exactly the values' (a heat map fills its frame). A single value gets ±10% of
/// itself (±1 around 0; a tenth of a decade each side on a log axis). For a module that sets one range for
/// several panels, or widens a fitted range on purpose.
/// Nil when no value is usable: the figure then fits its own frame and says what it could not draw.
public func fittedRange(_ values: [Double], log: Bool, pad: Bool = true) -> ClosedRange<Double>? {
  let usable = values.filter { $0.isFinite && (!log || $0 > 0) }
  guard let low = usable.min(), let high = usable.max() else { return nil }
  if log {
    let (a, b) = (Foundation.log10(low), Foundation.log10(high))
    let margin = b > a ? (pad ? 0.04 * (b - a) : 0) : 0.1
    return pow(10, a - margin)...pow(10, b + margin)
  }
  if high > low { return pad ? (low - 0.04 * (high - low))...(high + 0.04 * (high - low)) : low...high }
  let margin = low == 0 ? 1 : 0.1 * abs(low)
  return (low - margin)...(high + margin)
}

extension Figure {
  /// Every coordinate the figure draws on one axis (error bars, references, marks, notes and heat-map cell
  /// edges included), for fitting its range.
  public func coordinates(on axis: Axis) -> [Double] {
    var out: [Double] = []
    for s in series + references {
      switch axis {
      case .x: out += s.x
      case .y: out += s.y + (s.low ?? []) + (s.high ?? [])
      }
    }
    out += marks.filter { $0.axis == axis }.map(\.value)
    out += notes.map { axis == .x ? $0.x : $0.y }
    if let map = heatMap {
      let grid = axis == .x ? map.x : map.y
      let log = axis == .x ? logX : logY
      let kept = grid.filter { $0.isFinite && (!log || $0 > 0) }
      out += HeatMap.cellEdges(kept, log: log).flatMap { [$0.0, $0.1] }
    }
    return out
  }
}
