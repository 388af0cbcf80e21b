import Foundation
import Testing

/// The point store from the command line: shards, merge, resume, fresh, clean-store.
@Suite struct StoreCLITests {
  typealias CLI = CLITests

  @Test func shardsMergeToTheFileOfOneRun() throws {
    let dir = CLI.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let id = "gao2019-lazy"
    let one = try CLI.repro(["run", id, "--preset", "quick", "--quiet", "--shard", "1/2"], in: dir)
    #expect(one.status == 0 && one.stdout.contains("shard 1/2") && one.stdout.contains("3 points computed"), "\(one)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/results/quick/\(id).h5"))

    // Not every point is there: merge names the missing ones and the command that computes them.
    let early = try CLI.repro(["merge", id, "--preset", "quick"], in: dir)
    #expect(early.status != 0)
    #expect(early.stderr.contains("3 of 6 points are not in the store"), "\(early.stderr)")
    #expect(early.stderr.contains("repro run \(id) --preset quick"))
    #expect(early.stderr.split(separator: "\n").count == 1)
    #expect(!FileManager.default.fileExists(atPath: dir + "/results/quick/\(id).h5"))

    #expect(try CLI.repro(["run", id, "--preset", "quick", "--quiet", "--shard", "2/2"], in: dir).status == 0)
    let merged = try CLI.repro(["merge", id, "--preset", "quick"], in: dir)
    #expect(merged.status == 0, "\(merged.stderr)")

    // The same file as one uninterrupted run elsewhere, apart from `created` and `wall_seconds`.
    let other = CLI.scratch()
    defer { try? FileManager.default.removeItem(atPath: other) }
    #expect(try CLI.repro(["run", id, "--preset", "quick", "--quiet"], in: other).status == 0)
    let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/results/quick/\(id).h5"))
    let b = try Data(contentsOf: URL(fileURLWithPath: other + "/results/quick/\(id).h5"))
    #expect(a.count == b.count)
    let differing = zip(a, b).filter { $0 != $1 }.count
    // `created` (an ISO 8601 time to the second) and `wall_seconds` (8 bytes): at most 20 + 8 bytes.
    #expect(differing <= 28, "\(differing) bytes differ")

    // Rerun: every point from the store.
    let again = try CLI.repro(["run", id, "--preset", "quick", "--quiet"], in: dir)
    #expect(again.stdout.contains("6 of 6 points reused"), "\(again.stdout)")
    let fresh = try CLI.repro(["run", id, "--preset", "quick", "--quiet", "--fresh"], in: dir)
    #expect(fresh.status == 0 && !fresh.stdout.contains("reused"))
    // An extra seed computes only its points.
    let more = try CLI.repro(["run", id, "--preset", "quick", "--quiet", "--set", "seeds=3"], in: dir)
    #expect(more.stdout.contains("6 of 9 points reused"), "\(more.stdout)")

    // Nothing stale to clean; --all removes the current points too.
    let clean = try CLI.repro(["clean-store", id], in: dir)
    #expect(clean.status == 0 && clean.stdout.contains("nothing to remove"))
    let all = try CLI.repro(["clean-store", id, "--all"], in: dir)
    #expect(all.status == 0 && all.stdout.contains("removed 1"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/results/quick/.store/\(id)"))
  }

  /// A run killed (SIGKILL) after some of its points finished, then rerun: the finished points are reused
  /// and the file is the one an uninterrupted run writes (apart from `created` and `wall_seconds`).
  @Test func killedRunResumesToTheSameFile() throws {
    let dir = CLI.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let id = "gao2019-capacity"
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CLI.binary)
    // 20 points: one per (d, seed) of the capacity search.
    let sweep = [
      "--preset", "quick", "--set", "d=5,6,7,8,9,10,11,12,13,14", "--set", "iterations=200", "--set", "m_max=8",
      "--set", "initializations=1", "--quiet",
    ]
    p.arguments = ["run", id, "--jobs", "1"] + sweep
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    let store = dir + "/results/quick/.store/\(id)"
    func stored() -> Int {
      guard let versions = try? FileManager.default.contentsOfDirectory(atPath: store), let v = versions.first,
        let files = try? FileManager.default.contentsOfDirectory(atPath: store + "/" + v)
      else { return 0 }
      return files.filter { $0.hasSuffix(".h5") && !$0.hasPrefix(".") }.count
    }
    let deadline = Date().addingTimeInterval(60)
    while stored() < 5 && p.isRunning && Date() < deadline { usleep(20_000) }
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    #expect(p.terminationReason == .uncaughtSignal, "the run ended before it could be killed")
    #expect(!FileManager.default.fileExists(atPath: dir + "/results/quick/\(id).h5"))
    let finished = stored()
    #expect(finished >= 5 && finished < 20)

    let resumed = try CLI.repro(["run", id] + sweep, in: dir)
    #expect(resumed.status == 0)
    #expect(resumed.stdout.contains("\(finished) of 20 points reused"), "\(resumed.stdout)")
    let other = CLI.scratch()
    defer { try? FileManager.default.removeItem(atPath: other) }
    #expect(try CLI.repro(["run", id] + sweep, in: other).status == 0)
    let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/results/quick/\(id).h5"))
    let b = try Data(contentsOf: URL(fileURLWithPath: other + "/results/quick/\(id).h5"))
    #expect(a.count == b.count && zip(a, b).filter { $0 != $1 }.count <= 28)
  }

  /// `submit --dry-run` prints the array and merge scripts and writes nothing; without sbatch on the PATH,
  /// submit is a one-line error naming the fix, with nothing written either.
  @Test func submitDryRunAndMissingSlurm() throws {
    let dir = CLI.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let dry = try CLI.repro(
      [
        "submit", "gao2019-lazy", "--preset", "quick", "--shards", "3", "--array-parallelism", "2", "--partition",
        "short", "--time", "00:10:00", "--dry-run",
      ], in: dir)
    #expect(dry.status == 0, "\(dry.stderr)")
    for line in [
      "#SBATCH --array=1-3%2", "#SBATCH --partition=short", "#SBATCH --time=00:10:00", "--shard \"$shard\"",
      "shard=\"${SLURM_ARRAY_TASK_ID}/3\"", "merge gao2019-lazy --preset quick --results \(dir)/results",
      "--dependency=afterany:",
    ] {
      #expect(dry.stdout.contains(line), "missing \(line)")
    }
    #expect(!FileManager.default.fileExists(atPath: dir + "/results"))

    let p = Process()
    p.executableURL = URL(fileURLWithPath: CLI.binary)
    p.arguments = ["submit", "gao2019-lazy", "--preset", "quick"]
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    p.environment = ["PATH": dir]
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus != 0)
    #expect(text.contains("sbatch not found") && text.split(separator: "\n").count == 1, "\(text)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/results"))
  }

  @Test func badShardsAreOneLineErrors() throws {
    let dir = CLI.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for shard in ["3/2", "0/2", "1", "a/b", "1/0"] {
      let r = try CLI.repro(["run", "gao2019-lazy", "--preset", "quick", "--shard", shard], in: dir)
      #expect(r.status != 0)
      #expect(r.stderr.contains("--shard takes K/N"), "\(shard): \(r.stderr)")
      #expect(r.stderr.split(separator: "\n").count == 1)
    }
    #expect(!FileManager.default.fileExists(atPath: dir + "/results"))
  }
}

/// Issue 13, items 6 and 7: bad input on the command line is one line naming the problem and the fix, a
/// non-zero exit, and no change on disk.
@Suite struct BadInputCLITests {
  typealias CLI = CLITests

  @Test(arguments: [
    (["run"], "Missing expected argument '<id>'"),
    (["run", "vardi2022-width", "--preset", "fast"], "'fast' is invalid for '--preset"),
    (["run", "vardi2022-width", "--jobs", "abc"], "'abc' is invalid for '--jobs"),
    (["run", "vardi2022-width", "--jobs", "-1"], "--jobs must be at least 1, got -1"),
    (["run", "vardi2022-width", "--results", ""], "--results needs a directory, got an empty path"),
    (["plot", "vardi2022-width", "--figures", " "], "--figures needs a directory"),
    (["run", "vardi2022-width", "--set", "m=10", "--set", "m=20"], "parameter 'm' is set twice"),
  ])
  func oneLineAndNothingWritten(arguments: [String], words: String) throws {
    let dir = CLI.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try CLI.repro(arguments, in: dir)
    #expect(r.status != 0)
    #expect(r.stderr.contains(words), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
  }

  @Test func helpStillPrintsHelp() throws {
    let r = try CLI.repro(["run", "--help"], in: CLI.scratch())
    #expect(r.status == 0 && r.stdout.contains("USAGE") && r.stdout.contains("--shard"))
  }
}

/// Issue 13, item 5: a point outside the setting stops with one line naming it and the fix, never a crash.
@Suite struct DivergenceCLITests {
  @Test(arguments: [
    (["deng2020-landscape", "--set", "s=1000000"], "saturated"),
    (["deng2020-adv-training", "--set", "lr=1000000", "--set", "activation=softplus"], "diverged"),
    (["gao2019-lazy", "--set", "lr=1e9"], "diverged"),
  ])
  func divergingPointsStopInOneLine(arguments: [String], words: String) throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try CLITests.repro(["run"] + arguments + ["--preset", "quick", "--quiet"], in: dir)
    #expect(r.status == 1)
    #expect(r.stderr.contains(words) && r.stderr.contains("--set"), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    let id = arguments[0]
    #expect(!FileManager.default.fileExists(atPath: dir + "/results/quick/\(id).h5"))
  }
}

/// Issue 13, item 7: file-system errors name the problem and the fix in one line, never a Foundation dump.
@Suite struct FileSystemErrorCLITests {
  @Test func aPathThroughAFileIsNamed() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    FileManager.default.createFile(atPath: dir + "/afile", contents: Data())
    #expect(try CLITests.repro(["run", "gao2019-lazy", "--preset", "quick", "--quiet"], in: dir).status == 0)
    for (arguments, fix) in [
      (["run", "gao2019-lazy", "--preset", "quick", "--results", "afile/sub"], "--results"),
      (["plot", "gao2019-lazy", "--preset", "quick", "--figures", "afile/figs"], "--figures"),
      (["bless", "gao2019-lazy", "--preset", "quick", "--baselines", "afile/b"], "--baselines"),
    ] {
      let r = try CLITests.repro(arguments, in: dir)
      #expect(r.status != 0)
      #expect(r.stderr.contains("afile is a file, not a directory") && r.stderr.contains(fix), "\(r.stderr)")
      #expect(!r.stderr.contains("NSCocoaErrorDomain") && r.stderr.split(separator: "\n").count == 1)
    }
  }
}

/// Issue 14, item 4 (in part): `--version`, `plot --all`, and the verdict column's header.
@Suite struct ReaderCLITests {
  @Test func versionPrintsAndExitsZero() throws {
    let r = try CLITests.repro(["--version"], in: CLITests.scratch())
    #expect(r.status == 0 && r.stdout.hasPrefix("repro ") && r.stdout.contains("schema"), "\(r)")
  }

  @Test func plotAllDrawsWhatHasResultsAndNamesTheRest() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(try CLITests.repro(["run", "gao2019-lazy", "--preset", "quick", "--quiet"], in: dir).status == 0)
    let r = try CLITests.repro(["plot", "--all", "--preset", "quick"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("gao2019-lazy: drew 3 figures") && r.stdout.contains("no results yet for vardi2022"))
    #expect(FileManager.default.fileExists(atPath: dir + "/results/quick/figures/README.md"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/figures"))
    for bad in [["plot"], ["plot", "gao2019-lazy", "--all"]] {
      let e = try CLITests.repro(bad, in: dir)
      #expect(e.status != 0 && e.stderr.split(separator: "\n").count == 1, "\(e.stderr)")
    }
  }

  /// `diff` compares a quick result with the quick baseline unless told otherwise.
  @Test func diffTakesThePresetFromTheResult() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
    #expect(try CLITests.repro(["run", "gao2019-lazy", "--preset", "quick", "--quiet"], in: dir).status == 0)
    let r = try CLITests.repro(
      ["diff", "gao2019-lazy", "--results", "results/quick", "--baselines", root + "/results/baselines"], in: dir)
    #expect(r.status == 0 && r.stdout.contains("within tolerance of the quick baselines"), "\(r.stdout)\(r.stderr)")
    let paper = try CLITests.repro(
      [
        "diff", "gao2019-lazy", "--results", "results/quick", "--preset", "paper", "--baselines",
        root + "/results/baselines",
      ], in: dir)
    #expect(paper.status == 2 && paper.stderr.contains("was run with preset quick"), "\(paper.stderr)")
  }

  @Test func checkTableNamesItsVerdictColumn() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(try CLITests.repro(["run", "gao2019-lazy", "--preset", "quick", "--quiet"], in: dir).status == 0)
    let r = try CLITests.repro(["check", "gao2019-lazy", "--preset", "quick"], in: dir)
    let header = r.stdout.split(separator: "\n").first { $0.hasPrefix("claim") } ?? ""
    #expect(header.contains("verdict") && header.contains("negative control"), "\(r.stdout)")
  }
}

/// Issue 14, item 2: at the quick preset `check` is a smoke test: failing predictions are shown and
/// explained, and do not make it fail.
@Suite struct QuickCheckCLITests {
  @Test func quickPredictionsAreASmokeTest() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // A module with predictions that do not hold at its quick preset (its sizes are too small for them).
    let id = "vardi2022-flip-vs-samples"
    #expect(try CLITests.repro(["run", id, "--preset", "quick", "--quiet"], in: dir).status == 0)
    let r = try CLITests.repro(["check", id, "--preset", "quick"], in: dir)
    #expect(r.status == 0, "\(r.stdout)")
    #expect(r.stdout.contains("quick preset: a smoke test") && r.stdout.contains("not judged"), "\(r.stdout)")
  }
}
