import Harness

/// The verdicts of `repro check` counted by role, so that consistency checks and code checks are never counted as
/// predictions: "verdicts: 12 predictions (11 hold), 1 consistency check (1 holds), 3 code checks (3 hold)".
struct RoleTally {
  /// Per role label, in the order prediction, consistency check, code check: (verdicts, holding).
  private(set) var counts: [String: (total: Int, holding: Int)] = [:]
  static let order = ["prediction", "consistency check", "code check"]

  mutating func add(_ entries: [ClaimStore.Entry]) {
    for e in entries {
      let old = counts[e.role] ?? (0, 0)
      counts[e.role] = (old.total + 1, old.holding + (e.verdict.holds ? 1 : 0))
    }
  }

  var text: String {
    let parts = Self.order.compactMap { role -> String? in
      guard let c = counts[role], c.total > 0 else { return nil }
      return "\(c.total) \(role)\(c.total == 1 ? "" : "s") (\(c.holding) hold\(c.holding == 1 ? "s" : ""))"
    }
    return "verdicts: " + (parts.isEmpty ? "none" : parts.joined(separator: ", "))
  }

  /// {"prediction": {"verdicts": 12, "hold": 11}, "consistency check": {…}, "code check": {…}}.
  var json: [String: Any] {
    Dictionary(
      uniqueKeysWithValues: Self.order.map { role in
        (role, ["verdicts": counts[role]?.total ?? 0, "hold": counts[role]?.holding ?? 0])
      })
  }
}
