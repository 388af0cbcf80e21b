import Foundation

extension Gallery {
  /// The claims, numbered, with their reasons, their value at the results' preset with its margin in seed-spread
  /// units (fragile marked), and every control with its kind and what the claim observed there; known failures,
  /// code checks and consistency checks explained once each below.
  static func claimTable(_ entries: [ClaimStore.Entry]) -> String {
    var notes: [String] = []
    func note(_ text: String) -> Int {
      if let k = notes.firstIndex(of: text) { return k + 1 }
      notes.append(text)
      return notes.count
    }
    var out =
      "| # | | claim | where the bound comes from | bound | observed | value (margin) | negative controls |\n"
    out += "| --- | --- | --- | --- | --- | --- | --- | --- |\n"
    for (k, entry) in entries.enumerated() {
      let v = entry.verdict
      var marks = ""
      if let known = v.knownFailure { marks += " *(known to fail: note \(note("Known to fail: " + known)))*" }
      if let why = entry.codeCheck {
        marks += " *(code check: note \(note("A check of the code, not a prediction: " + why)))*"
      }
      if let why = entry.consistencyCheck {
        marks +=
          " *(consistency check: note \(note("A consistency check, not a prediction (the theory implies it, but it holds where the theory does not apply too): " + why)))*"
      }
      out +=
        "| \(k + 1) | \(v.holds ? "✓" : "✗") | \(cell(v.statement))\(marks) | \(cell(entry.reason)) | \(cell(v.bound)) | \(cell(v.observed)) | \(valueCell(v)) | \(controlCell(entry)) |\n"
    }
    out += "\n"
    for (k, text) in notes.enumerated() { out += "\(k + 1). \(text)\n" }
    return out + (notes.isEmpty ? "" : "\n")
  }

  /// "1.02<br>+3.2σ", "0.91<br>+0.4σ **fragile**", "0.5" (no margin).
  static func valueCell(_ v: Verdict) -> String {
    let value = formatNumber(v.value)
    guard let m = v.margin else { return value }
    let margin = m.text.replacingOccurrences(of: " fragile", with: " **fragile**")
    return "\(value)<br>\(cell(margin))"
  }

  /// Every control of the claim, one per line with its kind, settings, outcome and what the claim observed there;
  /// then, for a prediction with only instrument checks, that it has no wrong-regime control.
  static func controlCell(_ entry: ClaimStore.Entry) -> String {
    let c = entry.control
    switch c.status {
    case .undeclared: return "$\\color{red}{\\textsf{CANNOT FAIL}}$ 🔴 (no control declared)"
    case .codeCheck where entry.controls.isEmpty: return "— (code check)"
    case .consistencyCheck where entry.controls.isEmpty: return "— (consistency check: no wrong-regime control needed)"
    default: break
    }
    var lines = entry.controls.map(controlLine)
    if c.status == .instrumentOnly { lines.append("*\(c.label)*") }
    return lines.joined(separator: "<br>")
  }

  /// "instrument `max_steps=2`: not trained — control fails ✓ (observed; −2.1σ)".
  static func controlLine(_ c: ClaimStore.ControlRecord) -> String {
    let kind = (c.kind ?? .instrument).label
    let preset = c.preset == Preset.paper.rawValue ? " at the paper preset" : ""
    let what = "\(kind) `\(cell(c.settings))`\(preset): \(cell(c.description))"
    let margin = c.marginText.map { "; \($0)" } ?? ""
    let seen = c.observed.isEmpty ? "" : " (\(cell(c.observed))\(margin))"
    switch c.status {
    case .cannotFail: return "\(what) — $\\color{red}{\\textsf{CANNOT FAIL}}$ 🔴\(seen)"
    case .holdsBeyond: return "\(what) — holds here too, why it is a consistency check\(seen)"
    case .notRun: return "\(what) — control not run (`repro check --controls`)"
    default: return "\(what) — control fails ✓\(seen)"
    }
  }
}
