import Foundation
import HDF5

/// The record of an experiment's submissions: `<results>/<id>.slurm/submissions.jsonl`, one JSON object
/// per line (`SlurmSubmission`), oldest first. A line is appended in one `write(2)` to a file opened with
/// `O_APPEND`, so two submitters never interleave their lines and a reader never sees half of one on a local
/// filesystem; a line that is not a whole record (a torn write on a filesystem without atomic appends) is
/// skipped by the reader.
public enum SlurmSubmissionLog {
  public static let fileName = "submissions.jsonl"

  public static func path(logs: String) -> String { (logs as NSString).appendingPathComponent(fileName) }

  /// Appends `submission` (the logs folder must exist: `submit` makes it before queueing anything).
  public static func append(_ submission: SlurmSubmission, logs: String) throws {
    let file = path(logs: logs)
    let fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw ReproError.failed("cannot open \(file): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    let bytes = Array((submission.jsonLine + "\n").utf8)
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    guard written == bytes.count else {
      let reason = written < 0 ? String(cString: strerror(errno)) : "wrote \(written) of \(bytes.count) bytes"
      throw ReproError.failed("cannot append to \(file): \(reason)")
    }
  }

  /// Every recorded submission, oldest first; none when the file does not exist (nothing was submitted, or
  /// only by a `repro` older than the record).
  public static func read(logs: String) throws -> [SlurmSubmission] {
    let file = path(logs: logs)
    guard FileManager.default.fileExists(atPath: file) else { return [] }
    let text: String
    do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
      throw ReproError.failed("cannot read \(file): \(fileSystemReason(error, path: file))")
    }
    return text.split(whereSeparator: \.isNewline).compactMap { SlurmSubmission(jsonLine: String($0)) }
  }

  /// The attempt number of a new submission: 1 for a fresh one, one more than the last for a resubmission.
  public static func nextAttempt(logs: String, resubmission: Bool) -> Int {
    guard resubmission else { return 1 }
    return ((try? read(logs: logs))?.last?.attempt ?? 0) + 1
  }

  /// What `repro jobs` says of an experiment without a recorded submission, with the command that submits it.
  public static func noSubmission(id: String, logs: String, submitCommand: String) -> String {
    let record = path(logs: logs)
    let older =
      FileManager.default.fileExists(atPath: logs)
      ? " (\(logs) exists, but holds no record of a submission: submitted by an older repro?)" : ""
    return "\(id): no submission recorded in \(record)\(older); submit with `\(submitCommand)`"
  }
}
