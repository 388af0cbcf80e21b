import Foundation
import HDF5

extension ClaimStore {
  /// The stored verdicts, in order; nil when the file has none or a damaged `/claims` (no `all_hold`, a member
  /// that is not a verdict group, an attribute missing or of the wrong type, a damaged margin or control group):
  /// such a group is read as absent, so that the claims are computed again (`Workspace.claims`), never shown or
  /// compared as empty text. A file written before controls had kinds (no `controls` subgroup) reads as one
  /// instrument control at the quick preset, from the flat attributes, and no margin; one written before consistency
  /// checks (no `consistency_check`) reads with every claim a prediction or a code check, as it was.
  public static func read(_ path: String) -> [Entry]? {
    guard let file = try? H5File.open(path), file.root.contains("claims"),
      let group = try? file.root.group("claims"), let names = try? group.children(),
      case .int? = try? group.attribute("all_hold")
    else { return nil }
    var entries: [Entry] = []
    for name in names {
      guard let g = try? group.group(name), let entry = entry(g) else { return nil }
      entries.append(entry)
    }
    return entries
  }

  /// One stored verdict; nil when an attribute is missing or of the wrong type.
  private static func entry(_ g: H5Group) -> Entry? {
    func stored(_ a: String) -> String? {
      if case .string(let s)? = try? g.attribute(a) { return s }
      return nil
    }
    func text(_ a: String) -> String { stored(a) ?? "" }
    let required = ["statement", "reason", "bound", "observed", "role", "control_status"]
    guard required.allSatisfy({ stored($0) != nil }), case .double(let value)? = try? g.attribute("value"),
      case .int(let holds)? = try? g.attribute("holds"), holds == 0 || holds == 1,
      let status = ControlOutcome.Status(rawValue: text("control_status"))
    else { return nil }
    let known = text("known_failure")
    let why = text("code_check")
    let consistency = text("consistency_check")
    let summary = ControlRecord(
      status: status, description: text("control"), settings: text("control_settings"),
      observed: text("control_observed"))
    var margin: Margin?
    if (try? g.attributeNames())?.contains("margin_statistic") == true {
      guard let m = readMargin(g) else { return nil }
      margin = m
    }
    // A regime map's counts and cells (issue 26); a damaged group reads the whole entry as damaged.
    var regimeMap: RegimeMap.Summary?
    if let stored = readRegimeMap(g) {
      guard let map = stored else { return nil }
      regimeMap = map
    }
    let controls: [ControlRecord]
    if g.contains("controls") {
      guard let c = try? g.group("controls"), let names = try? c.children() else { return nil }
      var records: [ControlRecord] = []
      for name in names {
        guard let k = try? c.group(name), let record = ControlRecord.read(k) else { return nil }
        records.append(record)
      }
      controls = records
    } else {
      // The old layout: `.control(_:set:)` was the only control, an instrument check at the quick preset.
      controls =
        summary.settings.isEmpty
        ? []
        : [
          ControlRecord(
            status: status, description: summary.description, settings: summary.settings, observed: summary.observed,
            kind: .instrument, preset: Preset.quick.rawValue)
        ]
    }
    return Entry(
      verdict: Verdict(
        statement: text("statement"), bound: text("bound"), observed: text("observed"), value: value,
        valueIs: text("value_is"), holds: holds == 1, knownFailure: known.isEmpty ? nil : known, margin: margin,
        regimeMap: regimeMap),
      reason: text("reason"), codeCheck: why.isEmpty ? nil : why,
      consistencyCheck: consistency.isEmpty ? nil : consistency, control: summary, controls: controls)
  }

  /// The stored margin; nil when one of its attributes is missing or of the wrong type.
  private static func readMargin(_ g: H5Group) -> Margin? {
    guard case .double(let statistic)? = try? g.attribute("margin_statistic"),
      case .double(let threshold)? = try? g.attribute("margin_threshold"),
      case .double(let spread)? = try? g.attribute("margin_spread"),
      case .string(let passes)? = try? g.attribute("margin_passes"), let side = Margin.Side(rawValue: passes),
      case .string(let what)? = try? g.attribute("margin_is"), case .double? = try? g.attribute("margin_sigmas"),
      case .int? = try? g.attribute("fragile")
    else { return nil }
    return Margin(statistic: statistic, threshold: threshold, spread: spread, passes: side, what: what)
  }
}
