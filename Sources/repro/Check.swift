import ArgumentParser
import Experiments
import Foundation
import Harness

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Hold the paper's claims against the results: a table, exit 0 when all hold, 1 when any fails.",
    discussion: """
      A claim the module marks as known to fail (with its explanation) is shown failing and does not \
      change the exit status unless it starts to hold. Exit status 2 when results are missing or unreadable. \
      The verdicts are stored in the result file (group /claims).

      Every prediction declares negative controls: runs of the same module with other parameters (at its \
      quick preset, or its paper preset where the quick one would be too noisy), on which the prediction must \
      not hold. A wrong-regime control breaks the theory's premise; an instrument check only shows the \
      instrument is wired. --controls runs the controls whose results are missing or stale (under \
      results/controls/<id>/) and fails unless every claim fails on every one of its controls; a claim that \
      holds on one is reported as CANNOT FAIL. A prediction whose controls are all instrument checks is \
      reported as "instrument only" and counted apart (an error since issue 25). Checks of the code (theorems, \
      identities) and consistency checks (implied by the theory but true of networks it does not cover, so \
      they need no wrong-regime control and never count as a reproduced prediction) are labelled as such and \
      counted apart. The margin column gives how far each verdict is from its threshold in \
      units of the seed spread; within one spread it is marked fragile.
      """)

  @Argument(help: "The experiment id (see `repro list`).")
  var id: String?

  @Flag(help: "Every experiment.")
  var all = false

  @Flag(help: "Run each claim's negative control (if stale) and require the claim to fail on it.")
  var controls = false

  @Option(parsing: .unconditional, help: "Control runs to compute at once.")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "No progress lines for control runs.")
  var quiet = false

  @Option(help: "Which results: paper (results/), quick (results/quick/) or cluster (results/cluster/).")
  var preset: Preset = .paper

  @OptionGroup var results: ResultsOption
  @OptionGroup var json: JSONOption

  func run() throws {
    try reporting {
      func say(_ s: String) { if !json.enabled { printOut(s) } }
      var objects: [[String: Any]] = []
      let experiments = try selection(id: id, all: all)
      guard jobs >= 1 else { throw ReproError.badValue("--jobs must be at least 1, got \(jobs)") }
      let space = Workspace(preset, results: results)
      var failed = 0
      var smoke = 0
      var uncontrolled = 0
      var instrumentOnly = 0
      var roles = RoleTally()
      var missing: [String] = []
      for e in experiments {
        if controls {
          try space.runControls(e, runner: Runner(jobs: jobs, quiet: quiet)) { control, freshness in
            if freshness != .upToDate, !quiet { printErr("\(e.id): control run \(control.settings)") }
          }
        }
        let entries: [ClaimStore.Entry]
        do { entries = try space.check(e) } catch let error as ReproError where error.exitCode == 2 {
          missing.append(error.description)
          continue
        }
        say("\n\(e.id)  [\(e.paper)] \(e.reproduces)")
        say(
          Table.render(
            header: ["claim", "bound", "observed", "verdict", "margin", "negative controls"],
            rows: entries.map { entry in
              let v = entry.verdict
              let role = entry.isPrediction ? "" : "[\(entry.role)] "
              return [role + v.statement, v.bound, v.observed, v.status, v.marginText, controlsColumn(entry)]
            }))
        var shown: Set<String> = []
        var explained: Set<String> = []
        for entry in entries {
          if let why = entry.verdict.knownFailure, explained.insert(why).inserted {
            say("  known failure: \(why)")
          }
          guard shown.insert(entry.verdict.statement).inserted else { continue }
          if let why = entry.claimRole.why { say("  \(entry.role), \(entry.verdict.statement): \(why)") }
          for control in entry.controls {
            say("  control of '\(entry.verdict.statement)' [\(controlKind(control))]: \(controlText(control))")
          }
        }
        // Claims are judged at the paper preset: on another preset a failing prediction is a smoke-test
        // result, shown but not an error; a failing code check is an error at any preset.
        let preset = (try? Results.read(space.resultPath(e.id)))?.preset ?? Preset.paper.rawValue
        roles.add(entries)
        let unexpected = entries.filter { !$0.verdict.asExpected }
        if preset != Preset.paper.rawValue {
          let predictions = unexpected.filter { $0.codeCheck == nil }.count
          if predictions > 0 {
            say(
              "  \(preset) preset: a smoke test. Claims are judged at the paper preset (`repro run \(e.id)`); \(predictions) prediction(s) not as expected here are not an error"
            )
          }
          failed += unexpected.count - predictions
          smoke += predictions
        } else {
          failed += unexpected.count
        }
        if controls {
          uncontrolled += Set(entries.filter { !$0.control.acceptable }.map(\.verdict.statement)).count
          instrumentOnly += Set(entries.filter { $0.control.status == .instrumentOnly }.map(\.verdict.statement)).count
        }
        objects.append([
          "experiment": e.id, "paper": e.paper, "reproduces": e.reproduces, "preset": preset,
          "result": space.resultPath(e.id), "judged": preset == Preset.paper.rawValue, "claims": entries.map(\.json),
        ])
      }
      for m in missing { FileHandle.standardError.write(Data("repro: \(m)\n".utf8)) }
      // The gallery shows each claim's verdict and control outcome: keep it in step with /claims. A check that
      // fails on a missing or unreadable result leaves the gallery as it was.
      if missing.isEmpty, FileManager.default.fileExists(atPath: space.figures) {
        try Gallery.write(allExperiments, workspace: space)
      }
      if json.enabled {
        try printJSON([
          "experiments": objects, "missing": missing, "not_as_expected": failed, "smoke_test_predictions": smoke,
          "controls_that_did_not_fail": controls ? uncontrolled as Any : NSNull(),
          "instrument_only_predictions": controls ? instrumentOnly as Any : NSNull(), "roles": roles.json,
        ])
      }
      if !missing.isEmpty { throw ExitCode(2) }
      let smokeNote = smoke == 0 ? "" : " (\(smoke) prediction(s) at a non-paper preset not judged: a smoke test)"
      say(
        failed == 0
          ? "\nevery claim as expected\(smokeNote)" : "\n\(failed) claim(s) not as expected\(smokeNote)")
      say(roles.text)
      if controls {
        if uncontrolled == 0 { say("every prediction fails on its negative control") }
        if uncontrolled > instrumentOnly {
          say("\(uncontrolled - instrumentOnly) claim(s) whose control did not fail (CANNOT FAIL)")
        }
        // An error since issue 25 (`ControlOutcome.acceptable`): every prediction needs a wrong-regime control.
        if instrumentOnly > 0 {
          say(
            "\(instrumentOnly) prediction(s) have only instrument controls: declare a wrong-regime control (`.wrongRegime`) or restate the claim"
          )
        }
      }
      if failed > 0 || uncontrolled > 0 { throw ExitCode(1) }
    }
  }
}

/// "--set max_steps=2 (one training step …) → observed …" below the table.
func controlText(_ c: ClaimStore.ControlRecord) -> String {
  guard !c.settings.isEmpty else { return c.status == .codeCheck ? "—" : "none declared" }
  return "--set \(c.settings) (\(c.description))" + (c.observed.isEmpty ? "" : " → \(c.observed)")
}

/// "wrong regime, paper preset: control fails ✓, −2.1σ".
func controlKind(_ c: ClaimStore.ControlRecord) -> String {
  (c.kind ?? .instrument).label + (c.preset == Preset.paper.rawValue ? ", paper preset" : "") + ": " + c.label
    + (c.marginText.map { ", " + $0 } ?? "")
}

/// The table's control column: the combined label, then each control's kind and outcome ("wrong regime ✓").
func controlsColumn(_ entry: ClaimStore.Entry) -> String {
  guard !entry.controls.isEmpty else { return entry.control.label }
  let each = entry.controls.map { c in
    (c.kind ?? .instrument).label + (c.preset == Preset.paper.rawValue ? " (paper)" : "") + " "
      + (c.status == .fails
        ? "✓" : c.status == .cannotFail ? "CANNOT FAIL" : c.status == .holdsBeyond ? "holds too" : "not run")
  }
  return entry.control.label + " [" + each.joined(separator: ", ") + "]"
}

func printErr(_ s: String) {
  FileHandle.standardError.write(Data((s + "\n").utf8))
}

/// The experiments a command acts on: one id, or --all.
func selection(id: String?, all: Bool) throws -> [any Experiment.Type] {
  switch (id, all) {
  case (nil, true): return allExperiments
  case (let id?, false): return [try experiment(named: id)]
  case (_?, true): throw ReproError.badValue("give an experiment id or --all, not both")
  case (nil, false): throw ReproError.badValue("name an experiment (see `repro list`) or pass --all")
  }
}
