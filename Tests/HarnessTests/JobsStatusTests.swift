import Foundation
import Testing

@testable import Harness

/// Issue 27, item 3: `repro jobs`' parsers of sacct and squeue output (recorded from Slurm 22.05), its
/// decision of a task's state from the queue and the point store, and the submissions record.
@Suite struct JobsStatusTests {
  /// `sacct -j 123,124 -n -P --format=JobID,State,Elapsed,ExitCode` with accounting on (steps included, as
  /// without -X).
  static let sacct = """
    123_1|COMPLETED|00:00:12|0:0
    123_1.batch|COMPLETED|00:00:12|0:0
    123_1.extern|COMPLETED|00:00:12|0:0
    123_2|CANCELLED by 0|00:00:03|0:15
    123_3|TIMEOUT|00:05:00|0:0
    123_4|OUT_OF_MEMORY|00:00:09|0:125
    123_5|NODE_FAIL|00:01:02|0:0
    123_6|PREEMPTED|1-02:03:04|0:0
    123_7|REQUEUED|00:00:40|0:0
    123_11|FAILED|00:00:02|1:0
    123_[8-10%1]|PENDING|00:00:00|0:0
    124|PENDING|00:00:00|0:0

    """

  /// `squeue -h -t all -j 1,2 -r -o '%i|%T|%M|%r'` on the local Slurm (accounting off), and a line of
  /// `squeue` without `-r` (a pending range) and a task held after a requeue.
  static let squeue = """
    1_1|COMPLETED|0:04|None
    1_2|FAILED|0:04|NonZeroExitCode
    1_4|PENDING|0:00|JobArrayTaskLimit
    2|PENDING|0:00|Dependency
    1_3|RUNNING|0:03|None
    5_[2-3%1]|PENDING|0:00|JobArrayTaskLimit
    5_1|REQUEUE_HOLD|0:10|job_requeued_in_held_state
    """

  static func status(_ s: SlurmSnapshot, _ job: String, _ task: Int?, stored: Int = 0, points: Int = 3)
    -> SlurmTaskStatus
  {
    SlurmTaskStatus.task(s.record(job: job, task: task), source: s.source, stored: stored, points: points)
  }

  @Test func jobIDs() {
    #expect(SlurmJobID("124") == SlurmJobID(job: "124"))
    #expect(SlurmJobID("123_1") == SlurmJobID(job: "123", tasks: [1]))
    #expect(SlurmJobID("123_[2-4%1]") == SlurmJobID(job: "123", tasks: [2, 3, 4]))
    #expect(SlurmJobID("123_[1,3-5]") == SlurmJobID(job: "123", tasks: [1, 3, 4, 5]))
    #expect(SlurmJobID("123_4.batch") == SlurmJobID(job: "123", tasks: [4], step: "batch"))
    #expect(SlurmJobID("JobID") == nil && SlurmJobID("") == nil && SlurmJobID("123_[]") == nil)
    #expect(SlurmJobID.taskList("1-7:3") == [1, 4, 7])
    #expect(SlurmJobID.compress([9, 2, 5, 7, 8]) == "2,5,7-9" && SlurmJobID.compress([3]) == "3")
    #expect(SlurmJobID.taskList(SlurmJobID.compress([1, 2, 3, 4])) == [1, 2, 3, 4])
  }

  @Test func durations() {
    #expect(SlurmListing.elapsedSeconds("0:05") == 5)
    #expect(SlurmListing.elapsedSeconds("00:01:02") == 62)
    #expect(SlurmListing.elapsedSeconds("1:02:03") == 3723)
    #expect(SlurmListing.elapsedSeconds("1-02:03:04") == 93784)
    #expect(SlurmListing.elapsedSeconds("2-03") == 2 * 86400 + 3 * 3600)
    #expect(SlurmListing.elapsedSeconds("INVALID") == nil && SlurmListing.elapsedSeconds("UNLIMITED") == nil)
    for s in [5, 62, 3723, 93784] {
      #expect(SlurmListing.elapsedSeconds(SlurmListing.formatElapsed(s)) == s)
    }
    #expect(SlurmListing.formatElapsed(5) == "0:05" && SlurmListing.formatElapsed(93784) == "1-02:03:04")
  }

  @Test func sacctStates() {
    let s = SlurmSnapshot(source: .sacct, records: SlurmListing.sacct(Self.sacct))
    #expect(s.records.count == 10, "steps are skipped")
    let done = Self.status(s, "123", 1)
    #expect(done.state == .done && done.elapsed == 12 && done.slurmState == nil && done.detail == nil)
    let cancelled = Self.status(s, "123", 2)
    #expect(cancelled.state == .cancelled && cancelled.slurmState == "CANCELLED by 0")
    #expect(cancelled.detail == "exit code 0:15")
    #expect(Self.status(s, "123", 3).state == .timedOut && Self.status(s, "123", 3).elapsed == 300)
    let oom = Self.status(s, "123", 4)
    #expect(oom.state == .failed && oom.slurmState == "OUT_OF_MEMORY" && oom.detail == "exit code 0:125")
    #expect(Self.status(s, "123", 5).state == .failed && Self.status(s, "123", 5).slurmState == "NODE_FAIL")
    #expect(Self.status(s, "123", 6).state == .failed && Self.status(s, "123", 6).elapsed == 93784)
    #expect(Self.status(s, "123", 6).slurmState == "PREEMPTED")
    #expect(Self.status(s, "123", 7).state == .requeued && Self.status(s, "123", 7).state.isActive)
    let failed = Self.status(s, "123", 11)
    #expect(failed.state == .failed && failed.slurmState == nil && failed.detail == "exit code 1:0")
    for task in 8...10 {
      let pending = Self.status(s, "123", task)
      #expect(pending.state == .pending && pending.elapsed == nil, "task \(task)")
    }
    #expect(Self.status(s, "124", nil).state == .pending)
    // The merge job's line is not taken for a task, nor a task's for the merge job.
    #expect(s.record(job: "124", task: 1) == nil && s.record(job: "123") == nil)
  }

  @Test func squeueStates() {
    let s = SlurmSnapshot(source: .squeue, records: SlurmListing.squeue(Self.squeue))
    #expect(Self.status(s, "1", 1).state == .done && Self.status(s, "1", 1).elapsed == 4)
    let failed = Self.status(s, "1", 2)
    #expect(failed.state == .failed && failed.detail == "NonZeroExitCode")
    let running = Self.status(s, "1", 3)
    #expect(running.state == .running && running.elapsed == 3 && running.detail == nil)
    #expect(Self.status(s, "1", 4).state == .pending && Self.status(s, "1", 4).detail == "JobArrayTaskLimit")
    let merge = SlurmTaskStatus.merge(s.record(job: "2"), source: .squeue, resultWrittenSinceSubmission: false)
    #expect(merge.state == .pending && merge.detail == "Dependency")
    #expect(Self.status(s, "5", 3).state == .pending)
    let held = Self.status(s, "5", 1)
    #expect(held.state == .requeued && held.slurmState == "REQUEUE_HOLD")
  }

  /// A task squeue no longer lists is done when its shard's points are all stored, failed otherwise, and
  /// says why; with no Slurm client, unknown unless every point is stored.
  @Test func stateFromQueueAndStore() {
    let s = SlurmSnapshot(source: .squeue, records: SlurmListing.squeue(Self.squeue))
    let gone = Self.status(s, "1", 9, stored: 3, points: 3)
    #expect(gone.state == .done && gone.detail == "not in the queue, all 3 points stored")
    let partial = Self.status(s, "1", 9, stored: 1, points: 3)
    #expect(partial.state == .failed && partial.detail == "not in the queue, 1 of 3 points stored")
    // What Slurm says wins over the store: a running task with every point stored is still running.
    #expect(Self.status(s, "1", 3, stored: 3, points: 3).state == .running)
    let none = SlurmSnapshot(source: .none, records: [])
    #expect(Self.status(none, "1", 1, stored: 1, points: 3).state == .unknown)
    #expect(Self.status(none, "1", 1, stored: 3, points: 3).state == .done)
    #expect(SlurmTaskStatus.merge(nil, source: .squeue, resultWrittenSinceSubmission: true).state == .done)
    let noResult = SlurmTaskStatus.merge(nil, source: .squeue, resultWrittenSinceSubmission: false)
    #expect(noResult.state == .failed && noResult.detail == "not in the queue, no result")
    #expect(SlurmTaskStatus.merge(nil, source: .none, resultWrittenSinceSubmission: false).state == .unknown)
  }

  static func scratch() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jobs-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test func recordRoundTrip() throws {
    let logs = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: logs) }
    #expect(try SlurmSubmissionLog.read(logs: logs).isEmpty)
    #expect(SlurmSubmissionLog.nextAttempt(logs: logs, resubmission: true) == 1)
    let first = SlurmSubmission(
      time: "2026-12-06T20:51:07Z", arrayJob: "123", mergeJob: "124", tasks: "1-4", shards: 4, preset: "quick",
      overrides: ["d=5,10", "note=it's \"quoted\"|piped"], timeLimit: "00:30:00", attempt: 1)
    var second = first
    second.arrayJob = "130"
    second.mergeJob = "131"
    second.tasks = "2,4"
    second.timeLimit = nil
    second.attempt = SlurmSubmissionLog.nextAttempt(logs: logs, resubmission: true)
    try SlurmSubmissionLog.append(first, logs: logs)
    #expect(SlurmSubmissionLog.nextAttempt(logs: logs, resubmission: true) == 2)
    #expect(SlurmSubmissionLog.nextAttempt(logs: logs, resubmission: false) == 1)
    second.attempt = 2
    try SlurmSubmissionLog.append(second, logs: logs)
    // A torn line (a filesystem without atomic appends) is skipped, not an error.
    let handle = FileHandle(forWritingAtPath: SlurmSubmissionLog.path(logs: logs))!
    handle.seekToEndOfFile()
    handle.write(Data("{\"time\":\"2026-12".utf8))
    handle.closeFile()
    let read = try SlurmSubmissionLog.read(logs: logs)
    #expect(read == [first, second])
    #expect(read[1].taskList == [2, 4] && read[0].taskList == [1, 2, 3, 4])
    #expect(read[0].date == ISO8601DateFormatter().date(from: "2026-12-06T20:51:07Z"))
    #expect(first.taskLog(logs: "/r/x.slurm", task: 3) == "/r/x.slurm/shard-3-job-123.log")
    #expect(first.mergeLog(logs: "/r/x.slurm") == "/r/x.slurm/merge-job-124.log")
  }

  @Test func missingRecordSaysHowToSubmit() {
    let logs = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: logs) }
    let message = SlurmSubmissionLog.noSubmission(
      id: "toy2000-noise", logs: logs + "/toy2000-noise.slurm", submitCommand: "repro submit toy2000-noise")
    #expect(message.hasPrefix("toy2000-noise: no submission recorded in \(logs)/toy2000-noise.slurm/submissions.jsonl"))
    #expect(message.hasSuffix("submit with `repro submit toy2000-noise`") && !message.contains("older repro"))
    // A logs folder from a submit that left no record (an older repro): said so.
    #expect(
      SlurmSubmissionLog.noSubmission(id: "x", logs: logs, submitCommand: "repro submit x").contains("older repro"))
  }

  /// Which command answers: sacct when it can, squeue when accounting is off, the store alone without either.
  @Test func queryFallsBackFromSacctToSqueueToNothing() throws {
    let bin = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: bin) }
    func script(_ name: String, _ body: String) throws {
      try ("#!/bin/sh\n" + body + "\n").write(toFile: bin + "/" + name, atomically: true, encoding: .utf8)
      chmod(bin + "/" + name, 0o755)
    }
    #expect(SlurmSnapshot.query(jobs: ["1"], path: bin).source == .none)
    try script("sacct", "echo 'Slurm accounting storage is disabled' >&2; exit 1")
    try script("squeue", "printf '1_1|RUNNING|0:07|None\\n'")
    let off = SlurmSnapshot.query(jobs: ["1", "2"], path: bin)
    #expect(off.source == .squeue && off.note?.hasPrefix("accounting is off") == true, "\(off.note ?? "")")
    #expect(off.record(job: "1", task: 1)?.state == "RUNNING")
    try script("squeue", "echo 'slurm_load_jobs error: Invalid job id specified' >&2; exit 1")
    let forgotten = SlurmSnapshot.query(jobs: ["1"], path: bin)
    #expect(forgotten.source == .squeue && forgotten.records.isEmpty)
    try script("sacct", "printf '1_1|COMPLETED|00:00:07|0:0\\n'")
    let on = SlurmSnapshot.query(jobs: ["1"], path: bin)
    #expect(on.source == .sacct && on.note == nil && on.record(job: "1", task: 1)?.elapsed == 7)
  }
}
