import Foundation
import Testing

@testable import repro

/// Issue 27, items 1 and 2: what `repro submit` asks Slurm for (time and memory from the shard's estimate, the
/// factor and floor, the throttle, requeueing), its checks of Slurm's values, and the doubling of the time when
/// the merge job resubmits missing shards.
@Suite struct SubmitResourcesTests {
  @Test func theTimeIsTwiceTheEstimateAtLeastFiveMinutesInWholeMinutes() {
    #expect(SubmitResources.timeLimit(estimate: 0) == 300)
    #expect(SubmitResources.timeLimit(estimate: 149) == 300)
    #expect(SubmitResources.timeLimit(estimate: 200) == 420)  // 400 s → 7 min
    #expect(SubmitResources.timeLimit(estimate: 1800) == 3600)
    #expect(SubmitResources.timeLimit(estimate: .nan) == 300)
    let shards = [
      SubmitResources.TaskEstimate(task: 1, points: 3, seconds: 200, memoryBytes: 100 << 20),
      SubmitResources.TaskEstimate(task: 2, points: 3, seconds: 1000, memoryBytes: 300 << 20),
    ]
    // The array's: the largest shard's.
    #expect(SubmitResources.timeLimit(shards) == 2040)  // 2000 s → 34 min
    #expect(SubmitResources.memory(shards) == "706M")  // 1.5 × 300 MiB + 256 MiB
    #expect(SubmitResources.timeLimit(shards + [.init(task: 3, points: 1, seconds: nil, memoryBytes: nil)]) == nil)
    #expect(SubmitResources.memoryMiB(bytes: 100 << 20) == 406)
  }

  @Test func theWarningComesATenthOfTheLimitBeforeItWithinBounds() {
    #expect(SubmitResources.warningSeconds(limit: 60) == 30)
    #expect(SubmitResources.warningSeconds(limit: 300) == 60)
    #expect(SubmitResources.warningSeconds(limit: 3600) == 360)
    #expect(SubmitResources.warningSeconds(limit: 36000) == 600)
  }

  @Test func onlyATaskOfSubmitsArrayRequeuesItself() {
    let task = ["SLURM_ARRAY_JOB_ID": "17", "SLURM_ARRAY_TASK_ID": "3", "SLURM_JOB_ID": "20"]
    #expect(RunSignals.slurmTask(task.merging(["REPRO_SLURM_REQUEUE": "1"]) { $1 }) == "17_3")
    #expect(RunSignals.slurmTask(["REPRO_SLURM_REQUEUE": "1", "SLURM_JOB_ID": "20"]) == "20")
    #expect(RunSignals.slurmTask(task) == nil)  // a user's own sbatch script: no requeue
  }

  @Test func slurmTimesAreParsedAndWritten() {
    #expect(SlurmValue.seconds("30") == 1800)
    #expect(SlurmValue.seconds("1:30") == 90)
    #expect(SlurmValue.seconds("1:30:00") == 5400)
    #expect(SlurmValue.seconds("2-00:00:00") == 172_800)
    #expect(SlurmValue.seconds("1-2") == 93600)
    for bad in ["1h", "0", "", "1:2:3:4", "-5", "1--2", "a-1", "١٢"] {
      #expect(SlurmValue.seconds(bad) == nil, "\(bad)")
    }
    #expect(SlurmValue.time(90) == "0:02:00")
    #expect(SlurmValue.time(5400) == "1:30:00")
    #expect(SlurmValue.time(172_800) == "2-00:00:00")
    #expect(SlurmValue.isMemory("4G") && SlurmValue.isMemory("500") && !SlurmValue.isMemory("2 GB"))
    #expect(!SlurmValue.isMemory("G") && !SlurmValue.isMemory("0M"))
  }

  static func dryRun(_ extra: [String], in dir: String) throws -> CLITests.Outcome {
    try CLITests.repro(["submit", "gao2019-lazy", "--preset", "quick", "--shards", "2", "--dry-run"] + extra, in: dir)
  }

  @Test func theScriptsCarryTheResourcesTheThrottleAndRequeueing() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try Self.dryRun(
      ["--cpus-per-task", "2", "--max-running", "1", "--account", "lab", "--qos", "short"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    for line in [
      "#SBATCH --array=1-2%1", "#SBATCH --cpus-per-task=2", "#SBATCH --time=0:05:00", "#SBATCH --requeue",
      "#SBATCH --open-mode=append", "#SBATCH --signal=B:USR1@60", "#SBATCH --account=lab", "#SBATCH --qos=short",
      "cpus=\"${SLURM_CPUS_PER_TASK:-1}\"", "--jobs \"$cpus\"", "export REPRO_SLURM_REQUEUE=1",
      "#SBATCH --time=0:10:00",  // the merge job's own
      "# task 1: 3 point(s) to compute, estimate", "# task 2: 3 point(s)",
    ] {
      #expect(r.stdout.contains(line), "\(line) missing from\n\(r.stdout)")
    }
    #expect(r.stdout.contains("2 × the shard's estimate, at least 5 min"))
    #expect(r.stdout.range(of: "#SBATCH --mem=[0-9]+M\n", options: .regularExpression) != nil)
    // The old name of --max-running still works; --time and --mem override the estimate.
    let old = try Self.dryRun(["--array-parallelism", "3", "--time", "10", "--mem", "3G"], in: dir)
    #expect(old.status == 0 && old.stdout.contains("#SBATCH --array=1-2%3"), "\(old.stderr)")
    #expect(old.stdout.contains("#SBATCH --time=10\n#SBATCH --mem=3G"), "\(old.stdout)")  // as given
    #expect(!FileManager.default.fileExists(atPath: dir + "/results"))
  }

  @Test(arguments: [
    (["--time", "1h"], "--time '1h' is not a Slurm time limit: give minutes (30)"),
    (["--mem", "2 GB"], "--mem '2 GB' is not a Slurm memory size: give a number with K, M, G or T"),
    (["--partition", "a b"], "--partition 'a b' is not a Slurm partition name"),
    (["--account", "x;y"], "--account 'x;y' is not a Slurm account name"),
    (["--qos", "'"], "--qos ''' is not a Slurm qos name"),
    (["--max-running", "0"], "--max-running must be at least 1, got 0"),
    (["--retries", "21"], "--retries takes 0 to 20, got 21"),
  ])
  func aBadValueIsOneLineAndWritesNothing(_ args: [String], _ message: String) throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try CLITests.repro(["submit", "gao2019-lazy", "--preset", "quick", "--shards", "2"] + args, in: dir)
    #expect(r.status == 64)
    #expect(r.stderr.contains(message) && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
  }

  /// The merge job of attempt 1 with `--retries 1`, run by hand against a fake sbatch: every point is missing,
  /// so it resubmits both shards as attempt 2 with twice the time, and that attempt's merge would not retry.
  @Test func aMergeWithRetriesLeftResubmitsWithTwiceTheTime() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let args = ["gao2019-lazy", "--preset", "quick", "--shards", "2", "--time", "7", "--retries", "1"]
    let first = try SubmitCLITests.submit(args, mode: "accept", in: dir)
    #expect(first.status == 0 && first.stdout.contains("attempt 1 of 2"), "\(first.stderr)")
    let logs = dir + "/results/quick/gao2019-lazy.slurm"
    #expect(try String(contentsOfFile: logs + "/attempt", encoding: .utf8) == "1\n")
    let merge = try String(contentsOfFile: logs + "/merge.sbatch", encoding: .utf8)
    #expect(merge.contains("--time 0:14:00") && merge.contains("--retries 0 --attempt 2"), "\(merge)")

    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = [logs + "/merge.sbatch"]
    let bin = dir + "/fake-bin"
    p.environment = ["PATH": bin + ":/usr/bin:/bin", "FAKE_SLURM": bin, "FAKE_MODE": "accept"]
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "\(stderr)")
    #expect(
      stderr.contains(
        "attempt 1 of 2 left points missing: resubmitting their shards as attempt 2 with twice the time (0:14:00)"),
      "\(stderr)")
    #expect(try String(contentsOfFile: logs + "/attempt", encoding: .utf8) == "2\n")
    let again = try String(contentsOfFile: logs + "/array.sbatch", encoding: .utf8)
    #expect(again.contains("#SBATCH --time=0:14:00") && again.contains("#SBATCH --array=1-2\n"), "\(again)")
    // The last attempt's merge reports missing points and stops.
    let last = try String(contentsOfFile: logs + "/merge.sbatch", encoding: .utf8)
    #expect(last.contains("exec ") && !last.contains(" submit "), "\(last)")
  }
}
