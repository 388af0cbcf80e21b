import Foundation
import Testing

/// Issue 21, item 16: `submit` against a fake `sbatch` on the PATH. Nothing is recorded before Slurm accepts
/// the array; a merge job refused after the array was queued says what is queued and how to cancel it.
@Suite struct SubmitCLITests {
  /// Accepts (printing job ids 1001, 1002, …) or refuses: `refuse` refuses every job, `merge` only the second.
  static let fakeSbatch = """
    #!/bin/sh
    n=$(cat "$FAKE_SLURM/calls" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$FAKE_SLURM/calls"
    case "$FAKE_MODE.$n" in
      refuse.*|merge.2) echo "sbatch: error: Batch job submission failed: Invalid partition name specified" >&2; exit 1 ;;
    esac
    echo $((1000 + n))
    """

  static func submit(_ args: [String], mode: String, in dir: String) throws -> CLITests.Outcome {
    let bin = dir + "/fake-bin"
    try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
    try fakeSbatch.write(toFile: bin + "/sbatch", atomically: true, encoding: .utf8)
    chmod(bin + "/sbatch", 0o755)
    try? FileManager.default.removeItem(atPath: bin + "/calls")
    return try CLITests.repro(
      ["submit"] + args, in: dir, environment: ["PATH": bin + ":/usr/bin:/bin", "FAKE_SLURM": bin, "FAKE_MODE": mode],
      inherit: false)
  }

  @Test func aRefusedArrayRecordsNothing() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let args = ["gao2019-lazy", "--preset", "quick", "--shards", "2"]
    // A previous submit's record, which a refused one must leave as it was.
    let logs = dir + "/results/quick/gao2019-lazy.slurm"
    try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
    try "3\n".write(toFile: logs + "/shards", atomically: true, encoding: .utf8)
    let r = try Self.submit(args, mode: "refuse", in: dir)
    #expect(r.status != 0)
    #expect(r.stderr.contains("Invalid partition") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    #expect(try String(contentsOfFile: logs + "/shards", encoding: .utf8) == "3\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: logs) == ["shards"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/results/quick") == ["gao2019-lazy.slurm"])

    // Without a previous submit, not even the logs folder is left.
    try FileManager.default.removeItem(atPath: dir + "/results")
    #expect(try Self.submit(args, mode: "refuse", in: dir).status != 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/results/quick").isEmpty)
  }

  @Test func aRefusedMergeNamesTheQueuedArrayAndHowToCancelIt() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try Self.submit(["gao2019-lazy", "--preset", "quick", "--shards", "2"], mode: "merge", in: dir)
    #expect(r.status != 0)
    let line = r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(!line.contains("\n"), "\(line)")
    #expect(line.contains("array job 1001") && line.contains("scancel 1001"), "\(line)")
    #expect(line.contains("sbatch --dependency=afterany:1001"), "\(line)")
    // The array is queued, so its record is there: merge and --resubmit-missing name its shards.
    let logs = dir + "/results/quick/gao2019-lazy.slurm"
    #expect(try String(contentsOfFile: logs + "/shards", encoding: .utf8) == "2\n")
    #expect(FileManager.default.fileExists(atPath: logs + "/merge.sbatch"))

    let ok = try Self.submit(["gao2019-lazy", "--preset", "quick", "--shards", "2"], mode: "accept", in: dir)
    #expect(ok.status == 0 && ok.stdout.contains("submitted array job 1001"), "\(ok.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/results/quick") == ["gao2019-lazy.slurm"])
  }
}
