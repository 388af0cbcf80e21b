import Foundation

/// The states of some jobs as the cluster reports them: from `sacct` when accounting is on, else from
/// `squeue` (which forgets a finished job after the controller's `MinJobAge`, so a task missing from it is
/// decided from the point store: `SlurmTaskStatus`), else nothing (a machine that sees only the shared
/// filesystem).
public struct SlurmSnapshot: Sendable {
  public enum Source: String, Sendable { case sacct, squeue, none }

  public var source: Source
  public var records: [SlurmJobRecord]
  /// Why the source is not `sacct` (one line), when it is not.
  public var note: String?

  public init(source: Source, records: [SlurmJobRecord], note: String? = nil) {
    self.source = source
    self.records = records
    self.note = note
  }

  /// The line about `job` (task `task`, or the job itself); a task's own line before a range holding it.
  public func record(job: String, task: Int? = nil) -> SlurmJobRecord? {
    let matching = records.filter { $0.names(job: job, task: task) }
    return matching.first { $0.id.tasks?.count == 1 } ?? matching.first
  }

  /// Asks `sacct`, then `squeue`, about `jobs` (job ids), with the commands found on `path` (a PATH).
  public static func query(jobs: [String], path: String) -> SlurmSnapshot {
    let ids = jobs.joined(separator: ",")
    guard !jobs.isEmpty else { return SlurmSnapshot(source: .none, records: []) }
    var note: String?
    if let sacct = executable("sacct", path: path) {
      let r = run(sacct, ["-j", ids, "-n", "-P", "-X", "--format=JobID,State,Elapsed,ExitCode"])
      if r.status == 0 { return SlurmSnapshot(source: .sacct, records: SlurmListing.sacct(r.out)) }
      note = accountingNote(r)
    }
    guard let squeue = executable("squeue", path: path) else {
      return SlurmSnapshot(
        source: .none, records: [],
        note: (note.map { $0 + "; " } ?? "")
          + "no squeue on the PATH: states from the point store alone (run this on the cluster's login node for Slurm's view)"
      )
    }
    let r = run(squeue, ["-h", "-t", "all", "-j", ids, "-r", "-o", "%i|%T|%M|%r"])
    // Every job forgotten by the controller: squeue refuses the list ("Invalid job id specified").
    if r.status == 0 || r.err.contains("Invalid job id") {
      return SlurmSnapshot(source: .squeue, records: r.status == 0 ? SlurmListing.squeue(r.out) : [], note: note)
    }
    return SlurmSnapshot(
      source: .none, records: [],
      note: (note.map { $0 + "; " } ?? "")
        + "squeue failed (\(oneLine(r.err, status: r.status))): states from the point store alone")
  }

  /// Why sacct could not be used, one line.
  static func accountingNote(_ r: (status: Int32, out: String, err: String)) -> String {
    let message = oneLine(r.err + r.out, status: r.status)
    return message.lowercased().contains("accounting storage is disabled")
      ? "accounting is off (sacct: \(message)): states from squeue and the point store"
      : "sacct failed (\(message)): states from squeue and the point store"
  }

  /// The last line a command printed (the one that says why, after any chain of causes), or its exit status.
  static func oneLine(_ text: String, status: Int32) -> String {
    let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
    return lines.last { !$0.isEmpty } ?? "exit \(status)"
  }

  public static func executable(_ name: String, path: String) -> String? {
    path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, out: String, err: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    do { try p.run() } catch { return (127, "", "cannot run \(executable): \(error.localizedDescription)") }
    // stdout first (a long listing); squeue and sacct write at most a line to stderr.
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
  }
}
