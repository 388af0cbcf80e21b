import Foundation
import Harness

/// Tests one commit of a bisect: checks it out in the temporary worktree, finds a binary built from its
/// sources (the user's release binary when its fingerprint is the commit's, else a build in the shared scratch
/// folder), runs the experiment and compares the result with the good commit's as `repro diff` does.
struct BisectTester {
  let experiment: any Experiment.Type
  let space: BisectWorkspace
  let userRoot: String
  let preset: String
  let runArguments: [String]
  let sensitivity: BisectTolerances

  /// A tested commit's result file, or why there is none.
  struct Run {
    var result: String?
    var failure: String
  }

  /// A result against the good one's.
  struct Comparison {
    var report: DiffReport?
    /// Why the two cannot be compared (other parameters, another shape of file): a move too.
    var refusal: String?
    var moved: Bool { refusal != nil || !(report?.differing.isEmpty ?? true) }
    var summary: String {
      if let refusal { return refusal }
      guard let report else { return "" }
      let d = report.differing
      return d.isEmpty
        ? "\(report.rows.count) rows within tolerance"
        : "\(d.count) of \(report.rows.count) rows beyond tolerance: \(d.prefix(3).map(\.name).joined(separator: ", "))\(d.count > 3 ? ", …" : "")"
    }
  }

  func test(_ commit: Git.Commit, fingerprint: String, label: String) throws -> Run {
    try space.checkout(commit.hash)
    let results = space.temp + "/results/\(commit.short)"
    let logs = space.temp + "/logs"
    try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
    // The user's own release binary, if it was built from this commit's sources for the experiment: it refuses
    // (`SourceFingerprint.requireBuilt`) before any work when it was not.
    let user = userRoot + "/.build/release/repro"
    if FileManager.default.isExecutableFile(atPath: user) {
      let log = "\(logs)/run-\(commit.short)-user.log"
      let start = Date()
      let run = try space.run(
        binary: user, arguments: runArguments, id: experiment.id, results: results, log: log)
      if let result = run.result {
        printOut(
          "  \(label): not built: the user's release binary has its fingerprint; ran in \(seconds(since: start))")
        return Run(result: result, failure: "")
      }
      if !space.tail(log, lines: 50).contains("sources changed since the build") {
        return Run(result: nil, failure: run.failure)
      }
    }
    let start = Date()
    let cpu = childrenCPU()
    let built = try space.build(log: "\(logs)/build-\(commit.short).log")
    guard let binary = built.binary else { return Run(result: nil, failure: built.failure) }
    let buildTime = "\(seconds(since: start)) (\(Int((childrenCPU() - cpu).rounded())) s CPU)"
    let runStart = Date()
    let run = try space.run(
      binary: binary, arguments: runArguments, id: experiment.id, results: results,
      log: "\(logs)/run-\(commit.short).log")
    if run.result != nil {
      printOut("  \(label): built in \(buildTime), ran in \(seconds(since: runStart))")
    }
    return Run(result: run.result, failure: run.failure)
  }

  func compare(_ result: String, _ reference: String) -> Comparison {
    do {
      return Comparison(
        report: try Baselines.diff(
          result: result, baseline: reference, experiment: experiment, sensitivity: sensitivity.path),
        refusal: nil)
    } catch {
      return Comparison(report: nil, refusal: "not comparable with the good result: \(error)")
    }
  }

  /// Why the good commit's fresh result does not reproduce the baseline stored at that commit, when that
  /// baseline was made from the same sources (nil when it does, or when there is nothing to hold it to).
  func reproducesBaseline(_ fresh: String, good: String, fingerprint: SourceFingerprint) throws -> String? {
    let relative = "\(Workspace.defaultBaselines)/\(preset)/\(experiment.id).h5"
    guard let data = space.git.file(relative, at: good) else {
      printOut("  the good commit has no \(preset) baseline: its result is the reference as it is")
      return nil
    }
    let path = space.temp + "/good-baseline.h5"
    try data.write(to: URL(fileURLWithPath: path))
    let stored = try? Results.read(path)
    let files = stored.flatMap { SourceFingerprint.files(fromJSON: $0.string("sources")) }
    guard let files, SourceFingerprint(root: "", files: files).digest == fingerprint.digest else {
      printOut("  the good commit's \(preset) baseline was made from other sources: not held to it")
      return nil
    }
    let comparison = compare(fresh, path)
    if comparison.moved {
      return
        "its result differs from its own baseline \(relative), made from the same sources (\(comparison.summary)): a result that does not reproduce is no reference"
    }
    printOut("  the good commit reproduces its own \(preset) baseline (\(comparison.summary))")
    return nil
  }
}

/// CPU seconds (user and system) of the ended children of this process so far.
func childrenCPU() -> Double {
  var u = rusage()
  getrusage(RUSAGE_CHILDREN.rawValue, &u)
  func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
  return s(u.ru_utime) + s(u.ru_stime)
}

func seconds(since start: Date) -> String { "\(Int(Date().timeIntervalSince(start).rounded())) s" }
