import Foundation

/// The outcome of one claim's negative control: the claim evaluated on the control run.
public struct ControlOutcome: Sendable, Equatable {
  public enum Status: String, Sendable {
    /// The claim fails on its control: it can tell the prediction from its absence.
    case fails
    /// The claim holds on its control too: it proves nothing.
    case cannotFail = "cannot-fail"
    /// A prediction that declares no control.
    case undeclared
    /// A code check without a control: a theorem or identity, it fails only when the code is wrong.
    case codeCheck = "code-check"
    /// The control has not been run (or its results are stale): `repro check --controls`.
    case notRun = "not-run"
  }

  public var status: Status
  public var control: Control?
  /// The verdicts of the claim on the control run (empty when it was not evaluated).
  public var verdicts: [Verdict]

  public init(status: Status, control: Control?, verdicts: [Verdict] = []) {
    self.status = status
    self.control = control
    self.verdicts = verdicts
  }

  /// What the claim observed on the control, as one line.
  public var observed: String { verdicts.map(\.observed).joined(separator: "; ") }

  /// "control fails ✓", "CANNOT FAIL", …
  public var label: String {
    switch status {
    case .fails: return "control fails ✓"
    case .cannotFail: return "CANNOT FAIL"
    case .undeclared: return "CANNOT FAIL (no control)"
    case .codeCheck: return "code check"
    case .notRun: return "control not run"
    }
  }

  /// Whether this outcome lets `repro check --controls` pass.
  public var acceptable: Bool { status == .fails || status == .codeCheck }
}

extension Workspace {
  /// Where a control's results live: `results/controls/<id>/<settings>/<id>.h5`, beside the figures of it.
  public func controlWorkspace(_ experiment: any Experiment.Type, _ control: Control) -> Workspace {
    let dir = ((results as NSString).appendingPathComponent("controls") as NSString)
      .appendingPathComponent(experiment.id)
    let own = (dir as NSString).appendingPathComponent(control.slug)
    return Workspace(results: own, figures: (own as NSString).appendingPathComponent("figures"), baselines: baselines)
  }

  /// The configuration of a control run: the quick preset with the control's overrides.
  public static func controlConfiguration(_ experiment: any Experiment.Type, _ control: Control) throws(ReproError)
    -> Configuration
  {
    do {
      return try Configuration(experiment: experiment, preset: .quick, overrides: control.overrides)
    } catch {
      throw .badValue("\(experiment.id) declares a control its parameters reject (\(control.settings)): \(error)")
    }
  }

  /// The distinct controls the experiment's claims declare, in order of first appearance.
  public static func controls(of experiment: any Experiment.Type) -> [Control] {
    var seen: [Control] = []
    for claim in experiment.claims { if let c = claim.control, !seen.contains(c) { seen.append(c) } }
    return seen
  }

  /// Runs every control of the experiment whose results are not up to date. `report` sees each
  /// control before it runs.
  public func runControls(
    _ experiment: any Experiment.Type, runner: Runner, report: (Control, Freshness) -> Void = { _, _ in }
  ) throws {
    for control in Workspace.controls(of: experiment) {
      let configuration = try Workspace.controlConfiguration(experiment, control)
      let space = controlWorkspace(experiment, control)
      let freshness = space.freshness(experiment, configuration)
      report(control, freshness)
      if freshness != .upToDate { try space.run(experiment, configuration, runner: runner) }
    }
  }

  /// Stores the claims again when their verdicts or control outcomes differ from those stored in the result
  /// file (e.g. the controls have run since the result was written); an unchanged file is left untouched.
  /// Returns whether it stored them. `repro run --controls` uses this for an up-to-date result, so that
  /// `make all` gives a fresh clone's gallery the control outcomes the committed one shows.
  @discardableResult
  public func storeClaimsIfChanged(_ experiment: any Experiment.Type) throws -> Bool {
    let path = resultPath(experiment.id)
    let results = try Results.read(path, of: experiment.id)
    let entries = try ClaimStore.evaluate(experiment, results, controls: try controlOutcomes(experiment))
    guard ClaimStore.read(path) != entries else { return false }
    _ = try check(experiment)
    return true
  }

  /// Each claim's control outcome, evaluated on the control results on disk (those that are missing
  /// or stale are `notRun`). One outcome per claim, in the order of `experiment.claims`. A claim that reads a name
  /// the control's results do not have stops with one line.
  public func controlOutcomes(_ experiment: any Experiment.Type) throws(ReproError) -> [ControlOutcome] {
    var cache: [Control: Results?] = [:]
    return try experiment.claims.map { claim throws(ReproError) in
      guard let control = claim.control else {
        if case .codeCheck = claim.role { return ControlOutcome(status: .codeCheck, control: nil) }
        return ControlOutcome(status: .undeclared, control: nil)
      }
      if cache[control] == nil {
        let space = controlWorkspace(experiment, control)
        // A control the module's parameters reject is a mistake in the module: it stops here, as in runControls.
        let fresh = space.freshness(experiment, try Workspace.controlConfiguration(experiment, control))
        // A control result that is up to date but cannot be read (damaged) counts as not run, which the table shows
        // ("control not run"); `check --controls` reruns it once staleness sees the damage.
        cache[control] =
          fresh == .upToDate ? (try? Results.read(space.resultPath(experiment.id), of: experiment.id)) : Results?.none
      }
      guard let results = cache[control] ?? nil else { return ControlOutcome(status: .notRun, control: control) }
      // The control fails when none of the claim's verdicts holds on it.
      let verdicts = try claim.verdicts(on: results)
      return ControlOutcome(
        status: verdicts.contains(where: \.holds) ? .cannotFail : .fails, control: control, verdicts: verdicts)
    }
  }
}

extension Control: Hashable {
  public func hash(into h: inout Hasher) {
    h.combine(description)
    h.combine(overrides)
  }
}
