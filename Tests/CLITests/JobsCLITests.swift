import Foundation
import Testing

/// Issue 27, item 3: `submit` records what it queued (the fresh submission as attempt 1, `--resubmit-missing`
/// as the next), and `repro jobs` reads it back with a fake `squeue` on the PATH (no `sacct`, as on a cluster
/// without accounting). The real Slurm's states are tested by `make test-slurm` (scripts/test-slurm-jobs.sh).
@Suite struct JobsCLITests {
  /// Task 1 of the array runs, the merge waits; every other task is forgotten. (The fake sbatch numbers the jobs of
  /// each submit from 1001, so both submissions are jobs 1001 and 1002.)
  static let fakeSqueue = """
    #!/bin/sh
    printf '1001_1|RUNNING|1:05|None\\n1002|PENDING|0:00|Dependency\\n'
    """

  static func jobs(_ args: [String], in dir: String) throws -> CLITests.Outcome {
    let bin = dir + "/fake-bin"
    try fakeSqueue.write(toFile: bin + "/squeue", atomically: true, encoding: .utf8)
    chmod(bin + "/squeue", 0o755)
    return try CLITests.repro(["jobs"] + args, in: dir, environment: ["PATH": bin + ":/usr/bin:/bin"], inherit: false)
  }

  @Test func submissionsAreRecordedAndReported() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir + "/fake-bin", withIntermediateDirectories: true)
    // Nothing submitted: said so, with the command that submits.
    let none = try Self.jobs(["gao2019-lazy", "--preset", "quick"], in: dir)
    #expect(none.status == 0 && none.stdout.contains("no submission recorded"), "\(none.stderr)")
    #expect(none.stdout.contains("`repro submit gao2019-lazy --preset quick`"), "\(none.stdout)")

    let args = ["gao2019-lazy", "--preset", "quick", "--shards", "4"]
    #expect(try SubmitCLITests.submit(args + ["--time", "00:10:00"], mode: "accept", in: dir).status == 0)
    let again = try SubmitCLITests.submit(
      ["gao2019-lazy", "--preset", "quick", "--resubmit-missing"], mode: "accept", in: dir)
    #expect(again.status == 0, "\(again.stderr)")
    let record = try String(
      contentsOfFile: dir + "/results/quick/gao2019-lazy.slurm/submissions.jsonl", encoding: .utf8)
    #expect(record.split(separator: "\n").count == 2, "\(record)")

    let r = try Self.jobs(["--preset", "quick", "--json", "--all-attempts"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    #expect(json["source"] as? String == "squeue")
    let experiments = json["experiments"] as! [[String: Any]]
    #expect(experiments.map { $0["experiment"] as? String } == ["gao2019-lazy"])
    let submissions = experiments[0]["submissions"] as! [[String: Any]]
    #expect(submissions.map { $0["attempt"] as? Int } == [1, 2])
    #expect(submissions[0]["time_limit"] as? String == "00:10:00" && submissions[1]["tasks"] as? String == "1-4")
    let tasks = submissions[1]["task_status"] as! [[String: Any]]
    #expect(tasks.map { $0["state"] as? String } == ["running", "failed", "failed", "failed"])
    #expect(tasks[0]["elapsed_seconds"] as? Int == 65)
    #expect(tasks[1]["detail"] as? String == "not in the queue, 0 of 2 points stored")
    #expect((tasks[3]["log"] as? String)?.hasSuffix("results/quick/gao2019-lazy.slurm/shard-4-job-1001.log") == true)
    #expect((submissions[1]["merge"] as! [String: Any])["state"] as? String == "pending")
    #expect((experiments[0]["next"] as? String)?.hasPrefix("wait:") == true)
  }
}
