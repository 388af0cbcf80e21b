import ArgumentParser
import Experiments
import Foundation
import HDF5
import Harness

struct Sensitivity: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure how far each dataset moves under perturbed rounding, and store it beside the baseline.",
    discussion: """
      Reruns the experiment in child processes: once as is (the reference), once for each other OpenBLAS core \
      type this CPU can run (OPENBLAS_CORETYPE; also unset, if the environment sets it), and once with every random normal draw moved by one ulp \
      (REPRO_PERTURB_INPUTS=1). Prints, per dataset and claim, the largest move from the reference, raw and as \
      means over seeds and over everything, and writes results/baselines/<preset>/<id>.sensitivity.json, from \
      which `repro diff` takes every tolerance (×\(formatNumber(SensitivityReport.safetyFactor))).
      """)

  @Argument(help: "The experiment id (see `repro list`).")
  var id: String?

  @Flag(help: "Every experiment.")
  var all = false

  @Option(help: "The preset to measure (the baseline it is stored with).")
  var preset: Preset = .paper

  @Option(
    name: .customLong("core-types"),
    help: ArgumentHelp(
      "OpenBLAS core types to try (default: every one of Sandybridge, Haswell, Zen, SkylakeX this CPU runs).",
      valueName: "name,name…"))
  var coreTypes: String?

  @Flag(help: "Leave out the 1-ulp perturbation of the inputs.")
  var noUlp = false

  @Option(parsing: .unconditional, help: "Sweep points each run computes at once.")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Print the measurement without storing it.")
  var dryRun = false

  @OptionGroup var results: ResultsOption
  @OptionGroup var baselines: BaselinesOption

  func run() throws {
    try reporting {
      guard jobs >= 1 else { throw ReproError.badValue("--jobs must be at least 1, got \(jobs)") }
      try preset.requireBaselines("measure the sensitivity of")
      let experiments = try selection(id: id, all: all)
      for e in experiments { try SourceFingerprint.requireBuilt(e) }
      let runnable = RoundingVariant.runnableCoreTypes()
      var cores = runnable
      if let coreTypes {
        cores = coreTypes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for core in cores where !runnable.contains(core) {
          throw ReproError.badValue(
            "this CPU cannot run OpenBLAS core type '\(core)'; it runs \(runnable.isEmpty ? "none of them" : runnable.joined(separator: ", "))"
          )
        }
      }
      let variants = RoundingVariant.all(coreTypes: cores, ulp: !noUlp)
      guard !variants.isEmpty else {
        throw ReproError.badValue("nothing to vary: this CPU runs no other OpenBLAS core type; drop --no-ulp")
      }
      // A temporary's name (`TemporaryName`): what a SIGKILL leaves is removed by the next run or sensitivity.
      let directory = results.directory(preset)
      Temporaries.removeStale(in: directory)
      let scratch = (directory as NSString).appendingPathComponent(
        ".sensitivity.\(TemporaryName.stem)-\(TemporaryName.random)")
      ChildProcesses.removeOnSignal(scratch)
      defer { try? FileManager.default.removeItem(atPath: scratch) }
      for e in experiments {
        try measure(e, variants: variants, scratch: scratch + "/" + e.id)
      }
    }
  }

  private func measure(_ e: any Experiment.Type, variants: [RoundingVariant], scratch: String) throws {
    let runs: [(label: String, variant: RoundingVariant?)] = [("reference", nil)] + variants.map { ($0.label, $0) }
    var paths: [String] = []
    for (k, run) in runs.enumerated() {
      let dir = scratch + "/\(k)"
      let start = Date()
      FileHandle.standardError.write(Data("\(e.id): run \(k + 1) of \(runs.count), \(run.label)…\n".utf8))
      try child(
        ["run", e.id, "--preset", preset.rawValue, "--results", dir, "--quiet", "--jobs", "\(jobs)"], run.variant)
      FileHandle.standardError.write(
        Data("\(e.id): \(run.label) done in \(String(format: "%.0f", Date().timeIntervalSince(start))) s\n".utf8))
      paths.append(dir + "/\(e.id).h5")
    }
    let report = try SensitivityReport.measure(
      experiment: e, preset: preset, reference: paths[0], variants: Array(zip(variants.map(\.label), paths.dropFirst()))
    )
    printReport(e, report)
    if !dryRun {
      let path = Workspace(preset, results: results, baselines: baselines).sensitivityPath(e.id, preset: preset)
      try report.write(to: path)
      printOut("wrote \(path)")
    }
  }

  /// This binary, run again with one more environment variable; its output goes to our stderr.
  private func child(_ arguments: [String], _ variant: RoundingVariant?) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    p.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    if let variant { environment[variant.environment.name] = variant.environment.value }  // nil removes it
    p.environment = environment
    p.standardOutput = FileHandle.standardError
    try ChildProcesses.run(p)
    guard p.terminationStatus == 0 else {
      throw ReproError.failed(
        "the run with \(variant?.label ?? "no change") failed (exit \(p.terminationStatus)); its message is above")
    }
  }

  private func printReport(_ e: any Experiment.Type, _ report: SensitivityReport) {
    let f = formatNumber(report.safetyFactor)
    printOut(
      "\n\(e.id) [\(preset.rawValue)]: largest move from the reference over \(report.variants.joined(separator: ", "))")
    printOut("reference platform: \(report.referencePlatform)")
    func rel(_ m: Movement?) -> String { m.map { formatNumber($0.relative) } ?? "—" }
    let rows = report.rows.keys.sorted().map { name -> [String] in
      [
        name, rel(report.movement(name, .raw)), rel(report.movement(name, .seedMeans)),
        rel(report.movement(name, .overallMean)), report.tolerance(name, .raw).description,
        report.isRoundingSensitive(name) ? "rounding-sensitive: means compared too" : "stable",
      ]
    }
    printOut(
      Table.render(
        header: ["dataset", "raw (rel)", "seed means", "mean of all", "raw tolerance (×\(f))", ""], rows: rows))
    let claims = report.claims.map { c -> [String] in
      [
        String(format: "c%03d", c.index), formatNumber(c.movement.relative),
        c.verdictChanges == 0 ? "same" : "CHANGES in \(c.verdictChanges) of \(report.variants.count)",
        String(c.statement.prefix(70)),
      ]
    }
    if !claims.isEmpty {
      printOut(Table.render(header: ["claim", "value (rel)", "verdict", "statement"], rows: claims))
    }
    for c in report.claims where c.verdictChanges > 0 {
      printOut(
        "  warning: the verdict of c\(String(format: "%03d", c.index)) changes under rounding alone: the claim sits on its threshold at this preset"
      )
    }
  }
}
