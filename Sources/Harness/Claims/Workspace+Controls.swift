import Foundation

extension Workspace {
  /// Where a control's results live: `results/controls/<id>/<slug>/<id>.h5`, beside the figures of it (the slug
  /// names the overrides, and the paper preset when the control runs there).
  public func controlWorkspace(_ experiment: any Experiment.Type, _ control: Control) -> Workspace {
    let dir = ((results as NSString).appendingPathComponent("controls") as NSString)
      .appendingPathComponent(experiment.id)
    let own = (dir as NSString).appendingPathComponent(control.slug)
    return Workspace(results: own, figures: (own as NSString).appendingPathComponent("figures"), baselines: baselines)
  }

  /// The configuration of a control run: the control's preset (quick unless it says paper) with its overrides.
  public static func controlConfiguration(_ experiment: any Experiment.Type, _ control: Control) throws(ReproError)
    -> Configuration
  {
    do {
      return try Configuration(experiment: experiment, preset: control.preset, overrides: control.overrides)
    } catch {
      throw .badValue("\(experiment.id) declares a control its parameters reject (\(control.settings)): \(error)")
    }
  }

  /// The distinct controls the experiment's claims declare (every control of every claim, paper-preset ones too),
  /// in order of first appearance.
  public static func controls(of experiment: any Experiment.Type) -> [Control] {
    var seen: [Control] = []
    for claim in experiment.claims { for c in claim.controls where !seen.contains(c) { seen.append(c) } }
    return seen
  }

  /// Runs every control of the experiment whose results are not up to date. `report` sees each
  /// control before it runs. Controls with the same run (the same slug) share it: the second finds it up to date.
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

  /// Each claim's control outcome: the claim evaluated on each of its controls' results on disk (those that are
  /// missing or stale are `notRun`), combined (`ControlOutcome.combined`). One outcome per claim, in the order of
  /// `experiment.claims`. A claim that reads a name the control's results do not have stops with one line.
  public func controlOutcomes(_ experiment: any Experiment.Type) throws(ReproError) -> [ControlOutcome] {
    var cache: [String: Results?] = [:]
    return try experiment.claims.map { claim throws(ReproError) in
      var runs: [ControlOutcome.Run] = []
      for control in claim.controls {
        if cache[control.slug] == nil {
          let space = controlWorkspace(experiment, control)
          // A control the module's parameters reject is a mistake in the module: it stops here, as in runControls.
          let fresh = space.freshness(experiment, try Workspace.controlConfiguration(experiment, control))
          // A control result that is up to date but cannot be read (damaged) counts as not run, which the table
          // shows ("control not run"); `check --controls` reruns it once staleness sees the damage.
          cache[control.slug] =
            fresh == .upToDate ? (try? Results.read(space.resultPath(experiment.id), of: experiment.id)) : Results?.none
        }
        guard let results = cache[control.slug] ?? nil else {
          runs.append(ControlOutcome.Run(control: control, status: .notRun))
          continue
        }
        // The claim fails on this control when none of its verdicts holds there. A consistency check holding on
        // a wrong-regime run is what it states (`holdsBeyond`), not a defect of the check.
        let verdicts = try claim.verdicts(on: results)
        let holds = verdicts.contains(where: \.holds)
        let beyond: Bool = {
          if case .consistencyCheck = claim.role { return control.kind == .wrongRegime }
          return false
        }()
        runs.append(
          ControlOutcome.Run(
            control: control, status: holds ? (beyond ? .holdsBeyond : .cannotFail) : .fails, verdicts: verdicts))
      }
      return ControlOutcome(status: ControlOutcome.combined(runs, role: claim.role), runs: runs)
    }
  }
}
