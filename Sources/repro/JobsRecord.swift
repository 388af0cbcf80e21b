import Foundation
import Harness

extension Submit {
  /// Appends this submission to `<logs>/submissions.jsonl`, read by `repro jobs`. Called once both jobs are
  /// queued; a record that cannot be written is a warning, not an error: the jobs run all the same.
  /// `attempt`: nil counts it (1 for a fresh submit, one more than the last for `--resubmit-missing`).
  func recordSubmission(
    logs: String, arrayJob: String, mergeJob: String, tasks: [Int], shards: Int, timeLimit: String?,
    attempt: Int? = nil
  ) {
    let submission = SlurmSubmission(
      time: SlurmSubmission.now(), arrayJob: arrayJob, mergeJob: mergeJob, tasks: SlurmJobID.compress(tasks),
      shards: shards, preset: preset.rawValue, overrides: overrides, timeLimit: timeLimit,
      attempt: attempt ?? SlurmSubmissionLog.nextAttempt(logs: logs, resubmission: resubmitMissing))
    do { try SlurmSubmissionLog.append(submission, logs: logs) } catch {
      FileHandle.standardError.write(
        Data(
          "repro: warning: the jobs are queued, but \(singleLine("\(error)")): `repro jobs` will not know them (watch with `squeue -j \(arrayJob),\(mergeJob)`)\n"
            .utf8))
    }
  }
}
