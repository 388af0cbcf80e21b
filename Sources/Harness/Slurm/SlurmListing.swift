/// One line of `sacct -n -P -X --format=JobID,State,Elapsed,ExitCode` or of
/// `squeue -h -t all -r -o '%i|%T|%M|%r'`: a job or array task (or a range of pending tasks) and its state.
public struct SlurmJobRecord: Sendable, Equatable {
  public var id: SlurmJobID
  /// Slurm's state as printed (`RUNNING`, `CANCELLED by 0`, `OUT_OF_MEMORY`).
  public var state: String
  /// Seconds run so far (or in all), when printed.
  public var elapsed: Int?
  /// `sacct`'s `ExitCode` (`1:0`: exit status 1; `0:9`: killed by signal 9), when known.
  public var exitCode: String?
  /// `squeue`'s reason (`JobArrayTaskLimit`, `Dependency`, `JobHeldUser`), when it is not `None`.
  public var reason: String?

  public init(id: SlurmJobID, state: String, elapsed: Int? = nil, exitCode: String? = nil, reason: String? = nil) {
    self.id = id
    self.state = state
    self.elapsed = elapsed
    self.exitCode = exitCode
    self.reason = reason
  }

  public var taskState: SlurmTaskState { SlurmTaskState(slurm: state) }

  /// Whether this line is about `job` (task `task`, or the job itself when nil).
  public func names(job: String, task: Int?) -> Bool {
    guard id.job == job, id.step == nil else { return false }
    guard let task else { return id.tasks == nil }
    return id.tasks?.contains(task) == true
  }
}

/// The parsers of `sacct` and `squeue` output (lines of `|`-separated fields); lines that are not a job's
/// (steps, blank lines, a header, a message) are skipped.
public enum SlurmListing {
  /// `sacct -n -P -X --format=JobID,State,Elapsed,ExitCode` (steps such as `123_4.batch` skipped, so `-X`
  /// is not required).
  public static func sacct(_ text: String) -> [SlurmJobRecord] {
    lines(text).compactMap { fields in
      guard fields.count >= 2, let id = SlurmJobID(fields[0]), id.step == nil else { return nil }
      return SlurmJobRecord(
        id: id, state: fields[1], elapsed: fields.count > 2 ? elapsedSeconds(fields[2]) : nil,
        exitCode: fields.count > 3 && !fields[3].isEmpty ? fields[3] : nil)
    }
  }

  /// `squeue -h -t all -j IDS -r -o '%i|%T|%M|%r'` (the reason is optional).
  public static func squeue(_ text: String) -> [SlurmJobRecord] {
    lines(text).compactMap { fields in
      guard fields.count >= 2, let id = SlurmJobID(fields[0]), id.step == nil else { return nil }
      let reason = fields.count > 3 && !["", "None", "(null)"].contains(fields[3]) ? fields[3] : nil
      return SlurmJobRecord(
        id: id, state: fields[1], elapsed: fields.count > 2 ? elapsedSeconds(fields[2]) : nil, reason: reason)
    }
  }

  private static func lines(_ text: String) -> [[String]] {
    text.split(whereSeparator: \.isNewline).map { line in
      line.split(separator: "|", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
    }
  }

  /// Slurm's durations: `5`, `0:05`, `1:02:03`, `00:01:02`, `1-02:03:04`, `2-03` (days-hours); nil for
  /// `INVALID`, `UNLIMITED` or anything else.
  public static func elapsedSeconds(_ text: String) -> Int? {
    var days = 0
    var clock = Substring(text.trimmingCharacters(in: .whitespaces))
    if let dash = clock.firstIndex(of: "-") {
      guard let d = Int(clock[..<dash]), d >= 0 else { return nil }
      days = d
      clock = clock[clock.index(after: dash)...]
      // "2-03": days and hours only.
      if !clock.contains(":") { return Int(clock).map { days * 86400 + $0 * 3600 } }
    }
    let parts = clock.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
    guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
    let values = parts.map { $0! }
    let seconds = values.reduce(0) { $0 * 60 + $1 }
    return days * 86400 + seconds
  }

  /// Seconds as Slurm prints them: `0:05`, `1:02:03`, `1-02:03:04`.
  public static func formatElapsed(_ seconds: Int) -> String {
    let d = seconds / 86400
    let h = seconds % 86400 / 3600
    let m = seconds % 3600 / 60
    let s = seconds % 60
    func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
    if d > 0 { return "\(d)-\(two(h)):\(two(m)):\(two(s))" }
    return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
  }
}
