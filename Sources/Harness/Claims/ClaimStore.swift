import Foundation
import HDF5

/// The verdicts of an experiment's claims, stored in its result file as the
/// group `/claims` (one subgroup per verdict, `c000`, `c001`, …, with
/// attributes statement, reason, bound, observed, value, holds, role ("prediction", "code check" or "consistency
/// check", with `code_check` or `consistency_check` saying why), the margin when there is one, the combined
/// control status with the summary control's description, settings and observation, and a subgroup `controls`
/// with one group per declared control, `k000`, …), so the
/// gallery and other readers see them without the harness.
public enum ClaimStore {
  /// A verdict with the reason of its claim, as stored.
  public struct Entry: Sendable, Equatable {
    public var verdict: Verdict
    public var reason: String
    /// Set for a check of the code (a theorem or identity), with why it is not a prediction.
    public var codeCheck: String?
    /// Set for a consistency check (a statement the theory implies that also holds where the theory does not
    /// apply), with why it does not discriminate.
    public var consistencyCheck: String?
    /// The claim's combined control status, with the summary control (the first wrong-regime control if any, else
    /// the first) as the flat attributes `control`, `control_settings`, `control_observed` store it.
    public var control: ControlRecord
    /// Every declared control, in order, with its own outcome (`/claims/cNNN/controls/kNNN`).
    public var controls: [ControlRecord]

    public init(
      verdict: Verdict, reason: String, codeCheck: String? = nil, consistencyCheck: String? = nil,
      control: ControlRecord, controls: [ControlRecord] = []
    ) {
      self.verdict = verdict
      self.reason = reason
      self.codeCheck = codeCheck
      self.consistencyCheck = consistencyCheck
      self.control = control
      self.controls = controls
    }

    /// "prediction", "code check" or "consistency check".
    public var role: String { claimRole.label }

    /// The claim's role, from what is stored.
    public var claimRole: ClaimRole {
      if let why = codeCheck { return .codeCheck(why) }
      if let why = consistencyCheck { return .consistencyCheck(why) }
      return .prediction
    }

    /// Whether the verdict is a prediction (neither a code check nor a consistency check): only predictions can
    /// make a module read as reproduced.
    public var isPrediction: Bool { claimRole == .prediction }

    /// Whether this verdict makes `repro check` and `repro all` fail on a result of `preset`: at the paper preset,
    /// any verdict not as expected (a failure not declared known, or a known failure that holds); at another preset
    /// (a smoke test) only a code check not as expected, since predictions and consistency checks are judged at the
    /// paper preset.
    public func failsCommand(atPreset preset: String) -> Bool {
      !verdict.asExpected && (preset == Preset.paper.rawValue || codeCheck != nil)
    }
  }

  /// Evaluates every claim of the experiment on its results; `controls` gives each claim's control
  /// outcome (one per claim, in order; by default none evaluated). A claim that reads a name the results do not
  /// have stops the evaluation with one line.
  public static func evaluate(
    _ experiment: any Experiment.Type, _ results: Results, controls: [ControlOutcome]? = nil
  ) throws(ReproError) -> [Entry] {
    let claims = experiment.claims
    var entries: [Entry] = []
    for k in claims.indices {
      let claim = claims[k]
      var why: String?
      var consistency: String?
      if case .codeCheck(let reason) = claim.role { why = reason }
      if case .consistencyCheck(let reason) = claim.role { consistency = reason }
      // Not evaluated: every control not run (a check without one: its role's status).
      let outcome =
        controls?[k]
        ?? ControlOutcome(
          status: claim.controls.isEmpty ? ControlOutcome.combined([], role: claim.role) : .notRun,
          runs: claim.controls.map { ControlOutcome.Run(control: $0, status: .notRun) })
      entries += try claim.verdicts(on: results).map { verdict in
        Entry(
          verdict: verdict, reason: claim.reason, codeCheck: why, consistencyCheck: consistency,
          control: ControlRecord(outcome),
          controls: outcome.runs.map { ControlRecord($0, for: verdict.statement) })
      }
    }
    return entries
  }

  /// Replaces `/claims` in the result file, atomically.
  public static func store(_ entries: [Entry], in path: String) throws {
    let file = try H5File.update(atomicallyAt: path)
    if file.root.contains("claims") { try file.root.remove("claims") }
    let group = try file.root.createGroup("claims")
    try group.setAttribute("all_hold", .int(entries.allSatisfy(\.verdict.holds) ? 1 : 0))
    for (k, e) in entries.enumerated() {
      let g = try group.createGroup(String(format: "c%03d", k))
      try g.setAttribute("statement", .string(e.verdict.statement))
      try g.setAttribute("reason", .string(e.reason))
      try g.setAttribute("bound", .string(e.verdict.bound))
      try g.setAttribute("observed", .string(e.verdict.observed))
      try g.setAttribute("value", .double(e.verdict.value))
      try g.setAttribute("value_is", .string(e.verdict.valueIs))
      try g.setAttribute("holds", .int(e.verdict.holds ? 1 : 0))
      if let known = e.verdict.knownFailure { try g.setAttribute("known_failure", .string(known)) }
      try g.setAttribute("role", .string(e.role))
      if let why = e.codeCheck { try g.setAttribute("code_check", .string(why)) }
      if let why = e.consistencyCheck { try g.setAttribute("consistency_check", .string(why)) }
      try g.setAttribute("control_status", .string(e.control.status.rawValue))
      try g.setAttribute("control", .string(e.control.description))
      try g.setAttribute("control_settings", .string(e.control.settings))
      try g.setAttribute("control_observed", .string(e.control.observed))
      if let m = e.verdict.margin { try storeMargin(m, in: g) }
      if let map = e.verdict.regimeMap { try storeRegimeMap(map, in: g) }
      let controls = try g.createGroup("controls")
      for (j, c) in e.controls.enumerated() { try c.store(in: try controls.createGroup(String(format: "k%03d", j))) }
    }
    try file.commit()
  }

  private static func storeMargin(_ m: Margin, in g: H5Group) throws {
    try g.setAttribute("margin_statistic", .double(m.statistic))
    try g.setAttribute("margin_threshold", .double(m.threshold))
    try g.setAttribute("margin_spread", .double(m.spread))
    try g.setAttribute("margin_passes", .string(m.passes.rawValue))
    try g.setAttribute("margin_sigmas", .double(m.sigmas))
    try g.setAttribute("margin_is", .string(m.what))
    try g.setAttribute("fragile", .int(m.fragile ? 1 : 0))
  }
}
