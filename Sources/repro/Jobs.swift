import ArgumentParser
import Experiments
import Foundation
import Harness

struct Jobs: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show submitted Slurm arrays: each task's state, points stored and log; the merge job; what to do next.",
    discussion: """
      Reads the submissions `repro submit` recorded in results/<id>.slurm/submissions.jsonl. States come from \
      sacct when accounting is on, else from squeue and the point store (a task no longer in the queue is done \
      when every point of its shard is stored, failed otherwise); without either command, from the store alone. \
      Example: repro jobs gao2019-capacity --preset quick
      """)

  @Argument(help: "Experiment ids (default: every experiment with a results/<id>.slurm folder).")
  var ids: [String] = []

  @Option(help: "The preset whose results directory holds the submissions (paper: results/, quick: results/quick/).")
  var preset: Preset = .paper

  @Flag(name: .customLong("all-attempts"), help: "Show every submission, not only the latest.")
  var allAttempts = false

  @OptionGroup var results: ResultsOption
  @OptionGroup var json: JSONOption

  func run() throws {
    try reporting {
      let space = Workspace(preset, results: results)
      let fm = FileManager.default
      let experiments =
        ids.isEmpty
        ? allExperiments.filter { fm.fileExists(atPath: Shard.logs(results: space.results, id: $0.id)) }
        : try ids.map(experiment(named:))
      let options = typedOptions(preset: preset, overrides: [], results: results)
      if experiments.isEmpty {
        let message =
          "no submissions under \(space.results) (no <id>.slurm folder): submit one with `repro submit <id>\(options)`"
        if json.enabled { return try printJSON(["results": space.results, "experiments": [], "note": message]) }
        return printOut(message)
      }
      var recorded: [(any Experiment.Type, [SlurmSubmission])] = []
      for e in experiments {
        let all = try SlurmSubmissionLog.read(logs: Shard.logs(results: space.results, id: e.id))
        recorded.append((e, allAttempts ? all : Array(all.suffix(1))))
      }
      let jobs = recorded.flatMap { $0.1.flatMap { [$0.arrayJob, $0.mergeJob] } }
      let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
      let snapshot = SlurmSnapshot.query(jobs: jobs, path: path)
      let reports = try recorded.map { e, submissions in
        try report(e, submissions, snapshot: snapshot, space: space)
      }
      if json.enabled {
        return try printJSON([
          "results": space.results, "source": snapshot.source.rawValue,
          "note": snapshot.note.map { $0 as Any } ?? NSNull(),
          "experiments": reports.map(\.json),
        ])
      }
      var blocks: [String] = []
      if let note = snapshot.note { blocks.append("note: \(note)") }
      blocks += reports.map(\.text)
      printOut(blocks.joined(separator: "\n\n"))
    }
  }

  /// Everything `repro jobs` says of one experiment.
  func report(
    _ e: any Experiment.Type, _ submissions: [SlurmSubmission], snapshot: SlurmSnapshot, space: Workspace
  ) throws -> JobsReport {
    let logs = Shard.logs(results: space.results, id: e.id)
    var out = JobsReport(id: e.id, logs: logs, result: space.resultPath(e.id), source: snapshot.source)
    guard let latest = submissions.last else {
      out.message = SlurmSubmissionLog.noSubmission(
        id: e.id, logs: logs,
        submitCommand: "repro submit \(e.id)\(typedOptions(preset: preset, overrides: [], results: results))")
      return out
    }
    let resultDate =
      (try? FileManager.default.attributesOfItem(atPath: out.result))?[.modificationDate] as? Date
    out.resultExists = resultDate != nil
    let provenance = Provenance.current(for: e)
    for (k, submission) in submissions.enumerated() {
      let submittedPreset = Preset(rawValue: submission.preset) ?? preset
      let configuration: Configuration
      do {
        configuration = try Configuration(
          experiment: e, preset: submittedPreset, overrides: submission.overrides)
      } catch {
        out.message = "\(e.id): the submission's parameters no longer apply (\(error)): its points cannot be counted"
        return out
      }
      let store = space.store(e, provenance)
      if store == nil { out.message = "\(e.id): the sources are not found, so the stored points cannot be counted" }
      var section = JobsReport.Submission(submission: submission)
      for task in submission.taskList {
        let points = configuration.points.filter { Shard.contains($0, task, submission.shards) }
        let stored = store.map { s in points.filter { s.contains($0) }.count } ?? 0
        var status = SlurmTaskStatus.task(
          snapshot.record(job: submission.arrayJob, task: task), source: snapshot.source, stored: stored,
          points: points.count)
        if status.state == .done && stored < points.count && status.detail == nil {
          status.detail =
            "\(stored) of \(points.count) points stored by the current sources: have they changed since the submission?"
        }
        let log = submission.taskLog(logs: logs, task: task)
        section.tasks.append(
          .init(
            task: task, status: status, stored: stored, points: points.count, log: log,
            logExists: FileManager.default.fileExists(atPath: log)))
      }
      // Written by this submission's merge: not older than the submission (a second of slack for clocks
      // that round) and older than the next one.
      let next = k + 1 < submissions.count ? submissions[k + 1].date : nil
      let written =
        resultDate.map { r in
          (submission.date.map { r.timeIntervalSince($0) >= -1 } ?? true) && (next.map { r < $0 } ?? true)
        } ?? false
      section.resultWritten = written
      section.merge = SlurmTaskStatus.merge(
        snapshot.record(job: submission.mergeJob), source: snapshot.source, resultWrittenSinceSubmission: written)
      section.mergeLog = submission.mergeLog(logs: logs)
      if submission == latest {
        out.points = configuration.points.count
        out.stored = store.map { s in configuration.points.filter { s.contains($0) }.count } ?? 0
        out.options = typedOptions(preset: submittedPreset, overrides: submission.overrides, results: results)
      }
      out.submissions.append(section)
    }
    out.next = next(out)
    return out
  }

  /// The command to run next, judged from the latest submission.
  func next(_ r: JobsReport) -> String {
    guard let latest = r.submissions.last else { return "" }
    let active = latest.tasks.filter { $0.status.state.isActive }.count
    if active > 0 || latest.merge.state.isActive {
      return
        "wait: \(active) task(s) \(latest.merge.state.isActive ? "and the merge " : "")still queued or running; `repro jobs \(r.id)\(r.options)` again later, or `scancel \(latest.submission.arrayJob) \(latest.submission.mergeJob)` to stop them"
    }
    if r.stored < r.points && r.source == .none {
      return
        "\(r.points - r.stored) of \(r.points) points missing: if nothing runs any more (`squeue -j \(latest.submission.arrayJob),\(latest.submission.mergeJob)` on the login node), `repro submit \(r.id)\(r.options) --resubmit-missing`"
    }
    if r.stored < r.points {
      return
        "\(r.points - r.stored) of \(r.points) points missing and nothing runs: `repro submit \(r.id)\(r.options) --resubmit-missing`"
    }
    if !latest.resultWritten {
      return "every point is stored but no result was written: `repro merge \(r.id)\(r.options)`"
    }
    return "done: `repro check \(r.id)\(r.options)`"
  }
}
