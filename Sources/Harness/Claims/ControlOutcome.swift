import Foundation

/// The outcome of one claim's negative controls: the claim evaluated on each control run, and their combined
/// status.
public struct ControlOutcome: Sendable, Equatable {
  public enum Status: String, Sendable, CaseIterable {
    /// The claim fails on its control (on every declared control): it can tell the prediction from its absence.
    case fails
    /// The claim holds on a control too: it proves nothing.
    case cannotFail = "cannot-fail"
    /// A prediction that declares no control.
    case undeclared
    /// A code check without a control: a theorem or identity, it fails only when the code is wrong.
    case codeCheck = "code-check"
    /// A consistency check without a control: implied by the theory but not specific to it, so it needs no
    /// wrong-regime control (and proves nothing on its own).
    case consistencyCheck = "consistency-check"
    /// A control has not been run (or its results are stale): `repro check --controls`.
    case notRun = "not-run"
    /// A prediction that fails on every control, all of them instrument checks: no wrong-regime control shows that
    /// it fails where the theory's premise is broken (issue 24).
    case instrumentOnly = "instrument-only"
    /// A consistency check's wrong-regime run on which it holds too: shown, not judged, since holding on a network
    /// or data the theory does not cover is what makes it a consistency check rather than a prediction.
    case holdsBeyond = "holds-beyond"
  }

  /// One declared control and the claim on its run.
  public struct Run: Sendable, Equatable {
    public var control: Control
    /// `fails`, `cannotFail` or `notRun`.
    public var status: Status
    /// The verdicts of the claim on the control run (empty when it was not evaluated).
    public var verdicts: [Verdict]

    public init(control: Control, status: Status, verdicts: [Verdict] = []) {
      self.control = control
      self.status = status
      self.verdicts = verdicts
    }

    /// What the claim observed on the control, as one line.
    public var observed: String { verdicts.map(\.observed).joined(separator: "; ") }
  }

  /// The combined status over `runs` (see `combined`).
  public var status: Status
  /// One run per declared control, in the order the claim declares them.
  public var runs: [Run]

  public init(status: Status, runs: [Run]) {
    self.status = status
    self.runs = runs
  }

  /// One control (or none) with the claim's verdicts on it, under `status`.
  public init(status: Status, control: Control?, verdicts: [Verdict] = []) {
    self.status = status
    self.runs = control.map { [Run(control: $0, status: status, verdicts: verdicts)] } ?? []
  }

  /// The run the one-line summaries name: the first wrong-regime control if any, else the first.
  public var primary: Run? { runs.first { $0.control.kind == .wrongRegime } ?? runs.first }
  public var control: Control? { primary?.control }
  /// The verdicts of the claim on the primary control.
  public var verdicts: [Verdict] { primary?.verdicts ?? [] }
  /// What the claim observed on the primary control, as one line.
  public var observed: String { primary?.observed ?? "" }

  /// The claim's status over its controls' runs: it fails only when it fails on every declared control. One
  /// control on which it holds makes it `cannotFail`; else one not run makes it `notRun`; a prediction that fails
  /// on every control but has no wrong-regime control is `instrumentOnly` (a code or consistency check needs none).
  /// No control: `undeclared`, `codeCheck` or `consistencyCheck`, by role.
  /// A consistency check's wrong-regime runs are shown, not judged (`holdsBeyond` where it holds there too); its
  /// instrument checks must still fail.
  public static func combined(_ runs: [Run], role: ClaimRole) -> Status {
    if case .consistencyCheck = role, runs.contains(where: { $0.status == .holdsBeyond }) {
      if runs.contains(where: { $0.status == .notRun }) { return .notRun }
      if runs.contains(where: { $0.status == .cannotFail }) { return .cannotFail }
      return .consistencyCheck
    }
    guard !runs.isEmpty else {
      switch role {
      case .prediction: return .undeclared
      case .codeCheck: return .codeCheck
      case .consistencyCheck: return .consistencyCheck
      }
    }
    if runs.contains(where: { $0.status == .cannotFail }) { return .cannotFail }
    if runs.contains(where: { $0.status != .fails }) { return .notRun }
    let wrongRegime = runs.contains { $0.control.kind == .wrongRegime }
    return role == .prediction && !wrongRegime ? .instrumentOnly : .fails
  }

  /// "control fails ✓", "CANNOT FAIL", …
  public var label: String { Self.label(status) }

  static func label(_ status: Status) -> String {
    switch status {
    case .fails: return "control fails ✓"
    case .cannotFail: return "CANNOT FAIL"
    case .undeclared: return "CANNOT FAIL (no control)"
    case .codeCheck: return "code check"
    case .consistencyCheck: return "consistency check (no control needed)"
    case .notRun: return "control not run"
    case .instrumentOnly: return "instrument only: no wrong-regime control"
    case .holdsBeyond: return "holds here too (why it is a consistency check)"
    }
  }

  /// Whether this outcome lets `repro check --controls` pass. Since issues 24/25 converted every module, a
  /// prediction whose only controls are instrument checks (`instrumentOnly`) does not.
  public var acceptable: Bool { Self.acceptable(status) }

  static func acceptable(_ status: Status) -> Bool {
    status == .fails || status == .codeCheck || status == .consistencyCheck
  }
}
