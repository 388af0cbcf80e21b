import Foundation

/// One `repro submit` that Slurm accepted: the array job (one task per shard), the merge job after it, and
/// what they were asked to compute. `repro jobs` reads these to know which jobs to ask the cluster about and
/// which points each task owes.
public struct SlurmSubmission: Sendable, Equatable {
  /// When it was queued, ISO 8601 in UTC (`2026-12-06T20:51:07Z`).
  public var time: String
  public var arrayJob: String
  public var mergeJob: String
  /// The array's tasks (shard numbers), as `sbatch --array` took them without the throttle: "1-4", "3", "2,4".
  public var tasks: String
  /// N of `--shard K/N`.
  public var shards: Int
  public var preset: String
  /// The `--set` overrides, as given.
  public var overrides: [String]
  /// The time limit per task asked of Slurm, nil when none was given.
  public var timeLimit: String?
  /// 1 for a submission, one more for each `--resubmit-missing` (or retry) after it.
  public var attempt: Int

  public init(
    time: String, arrayJob: String, mergeJob: String, tasks: String, shards: Int, preset: String,
    overrides: [String], timeLimit: String?, attempt: Int
  ) {
    self.time = time
    self.arrayJob = arrayJob
    self.mergeJob = mergeJob
    self.tasks = tasks
    self.shards = shards
    self.preset = preset
    self.overrides = overrides
    self.timeLimit = timeLimit
    self.attempt = attempt
  }

  /// The shard numbers of `tasks`.
  public var taskList: [Int] { SlurmJobID.taskList(tasks) ?? [] }

  /// The submission time as a date, nil when unreadable.
  public var date: Date? { ISO8601DateFormatter().date(from: time) }

  /// Now, as `time` records it.
  public static func now() -> String {
    let f = ISO8601DateFormatter()
    f.timeZone = TimeZone(identifier: "UTC")
    return f.string(from: Date())
  }

  /// The log a task writes (`sbatch --output=<logs>/shard-%a-job-%A.log`).
  public func taskLog(logs: String, task: Int) -> String {
    (logs as NSString).appendingPathComponent("shard-\(task)-job-\(arrayJob).log")
  }

  /// The merge job's log (`--output=<logs>/merge-job-%j.log`).
  public func mergeLog(logs: String) -> String {
    (logs as NSString).appendingPathComponent("merge-job-\(mergeJob).log")
  }

  /// One JSON object on one line, keys sorted.
  public var jsonLine: String {
    let object: [String: Any] = [
      "time": time, "array_job": arrayJob, "merge_job": mergeJob, "tasks": tasks, "shards": shards,
      "preset": preset, "overrides": overrides, "time_limit": timeLimit ?? NSNull(), "attempt": attempt,
    ]
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self)
  }

  /// Nil for a line that is not a whole record.
  public init?(jsonLine line: String) {
    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
      let time = object["time"] as? String, let arrayJob = object["array_job"] as? String,
      let mergeJob = object["merge_job"] as? String, let tasks = object["tasks"] as? String,
      let shards = object["shards"] as? Int, let preset = object["preset"] as? String,
      let overrides = object["overrides"] as? [String], let attempt = object["attempt"] as? Int
    else { return nil }
    self.init(
      time: time, arrayJob: arrayJob, mergeJob: mergeJob, tasks: tasks, shards: shards, preset: preset,
      overrides: overrides, timeLimit: object["time_limit"] as? String, attempt: attempt)
  }
}
