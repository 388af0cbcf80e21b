import Foundation

/// What a figure cannot draw, said on its face: every point of a series or prediction that has no place on
/// the axes (a NaN or ±∞ coordinate, a non-positive value on a logarithmic axis), every mark or note at a
/// non-finite position, and a heat map without one finite cell. The script prints it under the title, the
/// gallery after the caption, and a figure with nothing drawable at all is drawn anyway, as an empty frame
/// that says why. A script that only dropped such points would pass a silent gap off as the data. Decided from
/// the data alone, so every renderer states the same.
extension Figure {
  /// What this figure cannot draw (NaN or infinite values, non-positive values on a log axis), one phrase per
  /// series, mark or note, as the drawn figure states it; empty when everything is drawn.
  public var notDrawn: [String] { Self.undrawn(self) }

  /// "Not drawn: …", the figure's own statement of what it could not draw; nil when it draws everything.
  public var undrawnNote: String? {
    let phrases = notDrawn
    return phrases.isEmpty ? nil : "Not drawn: " + phrases.joined(separator: "; ") + "."
  }

  /// One phrase per element with something left out, e.g. "'median radius': 3 of 10 points (2 NaN in y,
  /// 1 y ≤ 0 on the log axis)", in the figure's order; empty when everything is drawn.
  static func undrawn(_ figure: Figure) -> [String] {
    guard figure.panels.isEmpty else {
      return figure.panels.flatMap { panel in undrawn(panel).map { "\(panelName(panel)): \($0)" } }
    }
    var out: [String] = []
    for s in figure.series {
      if let phrase = undrawn(s, what: "", logX: figure.logX, logY: figure.logY) { out.append(phrase) }
    }
    for r in figure.references {
      var line = r
      (line.low, line.high) = (nil, nil)
      if let phrase = undrawn(line, what: "prediction ", logX: figure.logX, logY: figure.logY) { out.append(phrase) }
    }
    for mark in figure.marks {
      let log = mark.axis == .x ? figure.logX : figure.logY
      if !mark.value.isFinite || (log && mark.value <= 0) {
        out.append("mark \(named(mark.label)) at \(reason(mark.value, log: log, axis: mark.axis == .x ? "x" : "y"))")
      }
    }
    for note in figure.notes where !note.x.isFinite || !note.y.isFinite {
      out.append("note \(named(note.text)) at a non-finite position")
    }
    if let map = figure.heatMap, !map.hasDrawableCell(logX: figure.logX, logY: figure.logY) {
      out.append("the heat map \(named(map.label)): no finite cell")
    }
    return out
  }

  /// The phrase for one series, or nil when every point is drawn.
  static func undrawn(_ s: Series, what: String, logX: Bool, logY: Bool) -> String? {
    var counts: [(reason: String, count: Int)] = []
    func add(_ reason: String) {
      if let k = counts.firstIndex(where: { $0.reason == reason }) {
        counts[k].count += 1
      } else {
        counts.append((reason, 1))
      }
    }
    let n = max(s.x.count, s.y.count)
    for i in 0..<n {
      guard i < s.x.count, i < s.y.count else {
        add("without a partner (x and y of different lengths)")
        continue
      }
      let (x, y) = (s.x[i], s.y[i])
      if !x.isFinite || (logX && x <= 0) {
        add(reason(x, log: logX, axis: "x"))
      } else if !y.isFinite || (logY && y <= 0) {
        add(reason(y, log: logY, axis: "y"))
      } else if let low = s.low?[safe: i], !low.isFinite || (logY && low <= 0) {
        add("error bar's low end " + reason(low, log: logY, axis: "y"))
      } else if let high = s.high?[safe: i], !high.isFinite || (logY && high <= 0) {
        add("error bar's high end " + reason(high, log: logY, axis: "y"))
      }
    }
    guard !counts.isEmpty else { return nil }
    let missing = counts.reduce(0) { $0 + $1.count }
    let why =
      counts.count == 1 ? counts[0].reason : counts.map { "\($0.count) \($0.reason)" }.joined(separator: ", ")
    let how = missing == n ? (n == 1 ? "its only point" : "all \(n) points") : "\(missing) of \(n) points"
    return "\(what)\(named(s.label)), \(how) (\(why))"
  }

  /// "NaN in y", "+∞ in x", "y ≤ 0 on the log axis".
  static func reason(_ v: Double, log: Bool, axis: String) -> String {
    if v.isNaN { return "NaN in \(axis)" }
    if v.isInfinite { return "\(v > 0 ? "+∞" : "−∞") in \(axis)" }
    return log && v <= 0 ? "\(axis) ≤ 0 on the log axis" : "\(axis) outside the axis"
  }

  static func named(_ label: String) -> String { label.isEmpty ? "(unlabelled)" : "'\(label)'" }

  static func panelName(_ panel: Figure) -> String { panel.title.isEmpty ? panel.name : panel.title }
}

extension Array {
  fileprivate subscript(safe k: Int) -> Element? { indices.contains(k) ? self[k] : nil }
}
