import ArgumentParser
import Foundation
import Harness

/// `--json`: the command's findings as one JSON document on stdout (keys sorted), for scripts.
struct JSONOption: ParsableArguments {
  @Flag(name: .customLong("json"), help: "Print one JSON document instead of tables (exit status unchanged).")
  var enabled = false
}

/// A number for JSON: NaN and ±∞ become null (JSON has no such numbers; the text fields say what they were).
func jsonNumber(_ x: Double) -> Any { x.isFinite ? x : NSNull() }

/// Prints `value` (dictionaries, arrays, strings, numbers, NSNull) as indented JSON with sorted keys.
func printJSON(_ value: Any) throws {
  let data = try JSONSerialization.data(
    withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
  printOut(String(decoding: data, as: UTF8.self))
}

extension Parameter {
  var json: [String: Any] {
    [
      "name": name, "help": help, "sweep": isSweep, "kind": kindDescription,
      "paper": (presets["paper"] ?? []).map(\.description), "quick": (presets["quick"] ?? []).map(\.description),
      "cluster": (presets["cluster"] ?? []).map(\.description),
    ]
  }
}

extension ClaimStore.Entry {
  var json: [String: Any] {
    var out: [String: Any] = [
      "statement": verdict.statement, "role": role, "reason": reason, "bound": verdict.bound,
      "observed": verdict.observed, "value": jsonNumber(verdict.value), "value_is": verdict.valueIs,
      "holds": verdict.holds,
      "verdict": verdict.status, "as_expected": verdict.asExpected,
      "control": [
        "status": control.status.rawValue, "label": control.label, "settings": control.settings,
        "description": control.description, "observed": control.observed,
      ],
      "controls": controls.map(\.json), "margin": verdict.margin.map(\.json) ?? NSNull(),
    ]
    if let known = verdict.knownFailure { out["known_failure"] = known }
    if let map = verdict.regimeMap { out["regime_map"] = map.json }
    if let why = codeCheck { out["code_check"] = why }
    if let why = consistencyCheck { out["consistency_check"] = why }
    return out
  }
}

extension ClaimStore.ControlRecord {
  /// One control of a claim: its kind (wrong-regime or instrument), preset, settings, outcome and the claim's value
  /// there with its margin in seed-spread units.
  var json: [String: Any] {
    [
      "kind": kind?.rawValue ?? NSNull(), "preset": preset, "settings": settings, "description": description,
      "status": status.rawValue, "label": label, "observed": observed, "value": jsonNumber(value),
      "margin_sigmas": jsonNumber(marginSigmas), "margin_exact": marginExact,
    ]
  }
}

extension Margin {
  var json: [String: Any] {
    [
      "statistic": jsonNumber(statistic), "threshold": jsonNumber(threshold), "spread": jsonNumber(spread),
      "sigmas": jsonNumber(sigmas), "exact": exact, "fragile": fragile, "passes": passes.rawValue, "what": what,
      "text": text,
    ]
  }
}

extension DiffRow {
  /// One row of `repro diff --json`: a dataset's or a claim's.
  var json: [String: Any] {
    [
      "dataset": name, "level": level, "shape": shape, "max_abs_diff": jsonNumber(maxAbsolute),
      "max_rel_diff": jsonNumber(maxRelative), "tolerance": tolerance.description, "from": basis,
      "same": status == .same, "note": note,
    ]
  }
}
