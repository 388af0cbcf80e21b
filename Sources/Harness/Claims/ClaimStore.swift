import Foundation
import HDF5

/// The verdicts of an experiment's claims, stored in its result file as the
/// group `/claims` (one subgroup per verdict, `c000`, `c001`, …, with
/// attributes statement, reason, bound, observed, value, holds, role, and the negative control's
/// description, settings, status and observation), so the
/// gallery and other readers see them without the harness.
public enum ClaimStore {
  /// A verdict with the reason of its claim, as stored.
  public struct Entry: Sendable, Equatable {
    public var verdict: Verdict
    public var reason: String
    /// Set for a check of the code (a theorem or identity), with why it is not a prediction.
    public var codeCheck: String?
    /// The claim's negative control and its outcome.
    public var control: ControlRecord

    public init(verdict: Verdict, reason: String, codeCheck: String? = nil, control: ControlRecord) {
      self.verdict = verdict
      self.reason = reason
      self.codeCheck = codeCheck
      self.control = control
    }

    /// "prediction" or "code check".
    public var role: String { codeCheck == nil ? "prediction" : "code check" }

    /// Whether this verdict makes `repro check` and `repro all` fail on a result of `preset`: at the paper preset,
    /// any verdict not as expected (a failure not declared known, or a known failure that holds); at another preset
    /// (a smoke test) only a code check not as expected, since predictions are judged at the paper preset.
    public func failsCommand(atPreset preset: String) -> Bool {
      !verdict.asExpected && (preset == Preset.paper.rawValue || codeCheck != nil)
    }
  }

  /// A control outcome as stored: plain text, readable without the module.
  public struct ControlRecord: Sendable, Equatable {
    public var status: ControlOutcome.Status
    public var description: String
    public var settings: String
    /// The claim's observation on the control run.
    public var observed: String

    public init(_ outcome: ControlOutcome) {
      status = outcome.status
      description = outcome.control?.description ?? ""
      settings = outcome.control?.settings ?? ""
      observed = outcome.observed
    }

    public init(status: ControlOutcome.Status, description: String, settings: String, observed: String) {
      self.status = status
      self.description = description
      self.settings = settings
      self.observed = observed
    }

    public var label: String { ControlOutcome(status: status, control: nil).label }
    public var acceptable: Bool { ControlOutcome(status: status, control: nil).acceptable }
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
      if case .codeCheck(let reason) = claim.role { why = reason }
      let outcome =
        controls?[k]
        ?? ControlOutcome(status: why != nil && claim.control == nil ? .codeCheck : .notRun, control: claim.control)
      entries += try claim.verdicts(on: results).map {
        Entry(verdict: $0, reason: claim.reason, codeCheck: why, control: ControlRecord(outcome))
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
      try g.setAttribute("control_status", .string(e.control.status.rawValue))
      try g.setAttribute("control", .string(e.control.description))
      try g.setAttribute("control_settings", .string(e.control.settings))
      try g.setAttribute("control_observed", .string(e.control.observed))
    }
    try file.commit()
  }

  /// The stored verdicts, in order; nil when the file has none or a damaged `/claims` (no `all_hold`, a member
  /// that is not a verdict group, an attribute missing or of the wrong type): such a group is read as absent, so
  /// that the claims are computed again (`Workspace.claims`), never shown or compared as empty text.
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
    return Entry(
      verdict: Verdict(
        statement: text("statement"), bound: text("bound"), observed: text("observed"), value: value,
        valueIs: text("value_is"), holds: holds == 1, knownFailure: known.isEmpty ? nil : known),
      reason: text("reason"), codeCheck: why.isEmpty ? nil : why,
      control: ControlRecord(
        status: status, description: text("control"), settings: text("control_settings"),
        observed: text("control_observed")))
  }
}
