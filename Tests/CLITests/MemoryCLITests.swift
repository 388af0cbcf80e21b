import Foundation
import Testing

/// Issue 21, item 13: a sweep whose points need more memory than the machine has is refused before any work,
/// with the number and the fix; the estimate a module declares is close to what a point really takes.
@Suite struct MemoryCLITests {
  static let huge = ["vardi2022-flip-vs-dim", "--set", "d=200000", "--set", "n=5000", "--set", "m=100000"]

  @Test(arguments: [[], ["--dry-run"]])
  func aSweepTooLargeForTheMachineIsRefused(_ extra: [String]) throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try CLITests.repro(["run"] + Self.huge + extra + ["--results", dir + "/out"], in: dir)
    #expect(r.status != 0)
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(r.stderr)")
    #expect(r.stderr.contains("per point") && r.stderr.contains("GiB") && r.stderr.contains("this machine has"))
    #expect(r.stderr.contains("lower d, n or m"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/out"), "the refused run wrote something")
    if extra.contains("--dry-run") { #expect(r.stdout.contains("memory: ≈ ")) }
  }

  /// Points that fit one at a time but not `--jobs` at once: the fix is fewer jobs.
  @Test func tooManyJobsAtOnceNamesTheJobs() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try CLITests.repro(
      [
        "run", "vardi2022-flip-vs-dim", "--set", "d=20000", "--set", "n=200", "--set", "m=20000", "--jobs", "8",
        "--dry-run",
      ], in: dir)
    #expect(r.status != 0)
    #expect(r.stderr.contains("points at once (--jobs 8)") && r.stderr.contains("use --jobs"), "\(r.stderr)")
  }

  /// The declared estimate against the measured peak resident memory of a run of one point (its growth above
  /// the process, both sides), within a factor of 2.5, for one module of three papers.
  @Test(arguments: [
    ["vardi2022-flip-vs-dim", "--set", "d=20000", "--set", "n=20", "--set", "m=2000", "--set", "max_steps=5"],
    [
      "deng2020-landscape", "--set", "d=1000", "--set", "m=20000", "--set", "restarts=2", "--set", "max_iter=3",
      "--set", "large_max_iter=3", "--set", "grid=5", "--set", "matched_restarts=1", "--set", "paths=1",
      "--set", "s=1",
    ],
    ["gao2019-lazy", "--set", "m=200000", "--set", "iterations=3"],
  ])
  func theEstimateMatchesTheMeasuredPeak(_ args: [String]) throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = ["run"] + args + ["--preset", "quick", "--set", "seeds=1", "--jobs", "1", "--results", dir]
    let dry = try CLITests.repro(run + ["--dry-run"], in: dir)
    #expect(dry.status == 0, "\(dry.stderr)")
    let estimate = try #require(Self.bytes(after: "memory: ≈ ", in: dry.stdout), "\(dry.stdout)")
    // python3 runs the binary and reports the peak resident size of its children (only this one).
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments =
      [
        "python3", "-c",
        "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True); print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)",
        CLITests.binary,
      ] + run + ["--quiet"]
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    let fields = text.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
    #expect(fields.count == 2 && fields[0] == 0, "\(text)")
    let process = 40.0 * 1024 * 1024
    let measured = (fields.last ?? 0) - process
    let declared = estimate - process
    #expect(
      measured > 0 && declared / measured <= 2.5 && measured / declared <= 2.5,
      "declared \(declared), measured \(measured)")
  }

  /// "528 MiB" after `prefix`, in bytes.
  static func bytes(after prefix: String, in text: String) -> Double? {
    guard let range = text.range(of: prefix) else { return nil }
    let words = text[range.upperBound...].split(separator: " ", maxSplits: 2)
    guard words.count >= 2, let value = Double(words[0]) else { return nil }
    let units: [Substring: Double] = ["B": 1, "KiB": 0x1p10, "MiB": 0x1p20, "GiB": 0x1p30, "TiB": 0x1p40]
    return units[words[1]].map { value * $0 }
  }
}
