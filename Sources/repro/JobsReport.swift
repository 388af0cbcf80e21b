import Foundation
import Harness

/// What `repro jobs` found for one experiment: its submissions (the latest, or all), each task's status,
/// the merge job's, the result file and the command to run next.
struct JobsReport {
  struct Task {
    var task: Int
    var status: SlurmTaskStatus
    var stored: Int
    var points: Int
    var log: String
    var logExists: Bool
  }

  struct Submission {
    var submission: SlurmSubmission
    var tasks: [Task] = []
    var merge = SlurmTaskStatus(state: .unknown)
    var mergeLog = ""
    /// The result file was written after this submission was queued.
    var resultWritten = false
  }

  var id: String
  var logs: String
  var result: String
  /// Where the states came from.
  var source: SlurmSnapshot.Source
  var resultExists = false
  var submissions: [Submission] = []
  /// Why there is nothing (or less) to show: no submission recorded, parameters that no longer apply.
  var message: String?
  /// The latest submission's points in all, and those stored.
  var points = 0
  var stored = 0
  /// `--preset`, `--set` and `--results` of the latest submission, for the commands printed.
  var options = ""
  var next = ""

  var text: String {
    var lines: [String] = []
    if let message { lines.append(message) }
    for s in submissions {
      let r = s.submission
      lines.append(
        "\(id): attempt \(r.attempt), array job \(r.arrayJob) (task\(r.taskList.count == 1 ? "" : "s") \(r.tasks) of \(r.shards) shards), merge job \(r.mergeJob), submitted \(r.time), preset \(r.preset)\(r.overrides.map { " --set \($0)" }.joined())\(r.timeLimit.map { ", time limit \($0)" } ?? "")"
      )
      var rows = s.tasks.map { t in
        [
          "\(t.task)", Self.word(t.status), t.status.elapsed.map(SlurmListing.formatElapsed) ?? "-",
          "\(t.stored)/\(t.points)", (t.log as NSString).lastPathComponent,
          t.status.detail ?? "",
        ]
      }
      rows.append([
        "merge", Self.word(s.merge), s.merge.elapsed.map(SlurmListing.formatElapsed) ?? "-", "",
        (s.mergeLog as NSString).lastPathComponent,
        s.merge.detail ?? "",
      ])
      lines.append(
        Table.render(header: ["task", "state", "elapsed", "points", "log (in \(logs)/)", "why"], rows: rows).split(
          separator: "\n"
        ).map { "  " + $0 }.joined(separator: "\n"))
    }
    if !submissions.isEmpty {
      let latest = submissions.last!
      lines.append(
        "  points stored: \(stored) of \(points); result \(result): \(latest.resultWritten ? "written" : resultExists ? "older than the submission" : "not written")"
      )
      lines.append("next: \(next)")
    }
    return lines.joined(separator: "\n")
  }

  static func word(_ s: SlurmTaskStatus) -> String {
    s.state.rawValue + (s.slurmState.map { " (\($0))" } ?? "")
  }

  static func json(_ s: SlurmTaskStatus) -> [String: Any] {
    [
      "state": s.state.rawValue, "slurm_state": s.slurmState ?? NSNull(),
      "elapsed_seconds": s.elapsed ?? NSNull(), "elapsed": s.elapsed.map(SlurmListing.formatElapsed) ?? NSNull(),
      "detail": s.detail ?? NSNull(),
    ]
  }

  var json: [String: Any] {
    [
      "experiment": id, "logs": logs, "result": result, "result_exists": resultExists, "message": message ?? NSNull(),
      "points": points, "stored": stored, "next": next,
      "submissions": submissions.map { s -> [String: Any] in
        let r = s.submission
        return [
          "attempt": r.attempt, "array_job": r.arrayJob, "merge_job": r.mergeJob, "time": r.time, "tasks": r.tasks,
          "shards": r.shards, "preset": r.preset, "overrides": r.overrides, "time_limit": r.timeLimit ?? NSNull(),
          "result_written": s.resultWritten,
          "merge": Self.json(s.merge).merging(["job": r.mergeJob, "log": s.mergeLog]) { $1 },
          "task_status": s.tasks.map { t in
            Self.json(t.status).merging([
              "task": t.task, "job": "\(r.arrayJob)_\(t.task)", "points": t.points, "stored": t.stored, "log": t.log,
              "log_exists": t.logExists,
            ]) { $1 }
          },
        ]
      },
    ]
  }
}
