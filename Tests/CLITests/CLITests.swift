import Foundation
import Testing

/// The command line as a user meets it: a subprocess, its exit status, its stderr, and the disk.
@Suite struct CLITests {
  static var binary: String {
    // swift test runs the test bundle from the build directory, next to the repro executable.
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
      "repro"
    ).path
    if FileManager.default.isExecutableFile(atPath: beside) { return beside }
    for dir in [".build/debug", ".build/release"] where FileManager.default.isExecutableFile(atPath: dir + "/repro") {
      return dir + "/repro"
    }
    return beside
  }

  struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs the binary with `args` in `dir`, its environment this process's with `environment` laid over it
  /// (or, with `inherit: false`, `environment` alone).
  static func repro(
    _ args: [String], in dir: String, environment: [String: String] = [:], inherit: Bool = true
  ) throws -> Outcome {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    if inherit {
      if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    } else {
      p.environment = environment
    }
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Outcome(
      status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  static func scratch() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("repro-cli-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test func binaryIsBuilt() {
    #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "no repro executable at \(Self.binary)")
  }

  /// The ids the Makefile derives from the module files: `experiments/<paper>/<name>.swift`, the name starting
  /// with a lower-case letter, is experiment `<paper>-<name>`.
  static func moduleIDs() throws -> [String] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("experiments").path
    var ids: [String] = []
    for paper in try FileManager.default.contentsOfDirectory(atPath: root) {
      let files = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + paper)) ?? []
      for file in files where file.hasSuffix(".swift") && file.first.map({ ("a"..."z").contains($0) }) == true {
        ids.append(paper + "-" + file.dropLast(".swift".count))
      }
    }
    return ids.sorted()
  }

  /// Every experiment, each once (an id on a line of its own, its description indented below), and no other.
  @Test func listNamesEveryExperiment() throws {
    let r = try Self.repro(["list"], in: Self.scratch())
    #expect(r.status == 0)
    let listed = r.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map(String.init)
    let modules = try Self.moduleIDs()
    #expect(modules.count >= 15)
    #expect(listed.sorted() == modules)
    let json = try Self.repro(["list", "--json"], in: Self.scratch())
    let objects = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(objects.compactMap { $0["id"] as? String } == listed)
    for id in modules {
      let shown = try Self.repro(["list", id], in: Self.scratch())
      #expect(shown.status == 0 && shown.stdout.hasPrefix(id + "  ["), "repro list \(id)")
    }
    let one = try Self.repro(["list", "vardi2022-flip-vs-dim"], in: Self.scratch())
    #expect(one.status == 0)
    #expect(one.stdout.contains("d (sweep)"))
  }

  /// Bad input: one line on stderr naming the problem, a non-zero exit, nothing on disk.
  @Test(arguments: [
    (["run", "vardi2022-flip-vs-dm"], "unknown experiment 'vardi2022-flip-vs-dm'", "vardi2022-flip-vs-dim"),
    (["run", "vardi2022-flip-vs-dim", "--set", "dd=5"], "no parameter 'dd'", "did you mean 'd'"),
    (["run", "vardi2022-flip-vs-dim", "--set", "d=many"], "takes an integer", "many"),
    (["run", "vardi2022-flip-vs-dim", "--set", "d=1"], "out of range", "2..."),
    (["run", "vardi2022-flip-vs-dim", "--set", "m=3,4"], "not a list", "m"),
    (["run", "vardi2022-flip-vs-dim", "--set", "loss=hinge"], "must be one of", "exponential"),
    (["run", "vardi2022-flip-vs-dim", "--jobs", "0"], "--jobs", "at least 1"),
    (
      ["run", "frei2023-robust-accuracy", "--preset", "quick", "--set", "k=64", "--set", "d=32"],
      "orthonormal means do not fit in d = 32", "set d ≥ k, or means=random"
    ),
    (["plot", "vardi2022-flip-vs-dim"], "no results", "repro run vardi2022-flip-vs-dim"),
    (["plot", "nope"], "unknown experiment 'nope'", "repro list"),
    (["check", "vardi2022-flip-vs-dim"], "no results", "repro run vardi2022-flip-vs-dim"),
    (["check"], "name an experiment", "--all"),
    (["diff", "vardi2022-flip-vs-dim"], "no results", "repro run"),
    (["bless", "vardi2022-flip-vs-dim"], "no results", "repro run"),
  ])
  func badInputIsOneLineAndChangesNothing(args: [String], problem: String, fix: String) throws {
    let dir = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try Self.repro(args + ["--quiet"].filter { _ in args.first == "run" }, in: dir)
    #expect(r.status != 0)
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.count == 1, "stderr: \(r.stderr)")
    #expect(r.stderr.hasPrefix("repro: "))
    #expect(r.stderr.contains(problem), "stderr: \(r.stderr)")
    #expect(r.stderr.contains(fix), "stderr: \(r.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "something was written")
  }

  @Test func quickRunWritesAResultAndPlotDrawsIt() throws {
    let dir = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = try Self.repro(
      ["run", "vardi2022-flip-vs-dim", "--preset", "quick", "--set", "d=60", "--set", "max_steps=500", "--quiet"],
      in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    let fm = FileManager.default
    // Issue 14, item 1: a quick result lives apart from the paper result, and its figures apart from figures/.
    #expect(fm.fileExists(atPath: dir + "/results/quick/vardi2022-flip-vs-dim.h5"))
    #expect(!fm.fileExists(atPath: dir + "/results/vardi2022-flip-vs-dim.h5"))
    let plot = try Self.repro(["plot", "vardi2022-flip-vs-dim", "--preset", "quick"], in: dir)
    #expect(plot.status == 0, "\(plot.stderr)")
    #expect(fm.fileExists(atPath: dir + "/results/quick/figures/vardi2022-flip-vs-dim/flip-radius-vs-d.png"))
    #expect(fm.fileExists(atPath: dir + "/results/quick/figures/README.md"))
    #expect(!fm.fileExists(atPath: dir + "/figures"))
    // A quick result put among the paper results is still not drawn into figures/ unless asked.
    let misplaced = try Self.repro(
      [
        "run", "vardi2022-flip-vs-dim", "--preset", "quick", "--set", "d=60", "--set", "max_steps=500", "--quiet",
        "--results", "results",
      ], in: dir)
    #expect(misplaced.status == 0)
    let refused = try Self.repro(["plot", "vardi2022-flip-vs-dim"], in: dir)
    #expect(refused.status != 0 && refused.stderr.contains("quick-preset result"), "\(refused.stderr)")
    #expect(refused.stderr.split(separator: "\n").count == 1 && !fm.fileExists(atPath: dir + "/figures"))
    let asked = try Self.repro(["plot", "vardi2022-flip-vs-dim", "--figures", "figures"], in: dir)
    #expect(asked.status == 0 && fm.fileExists(atPath: dir + "/figures/vardi2022-flip-vs-dim/flip-radius-vs-d.png"))
  }

  /// `check --controls` runs each claim's control under results/controls/, shows its outcome, stores it
  /// in the result file, and reruns nothing when the controls are up to date.
  @Test func checkWithControlsRunsThemOnceAndReportsEachOutcome() throws {
    let dir = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = try Self.repro(["run", "vardi2022-kkt", "--preset", "quick", "--quiet"], in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    let plain = try Self.repro(["check", "vardi2022-kkt", "--preset", "quick"], in: dir)
    #expect(plain.stdout.contains("control not run"))
    let controlled = try Self.repro(["check", "vardi2022-kkt", "--preset", "quick", "--controls"], in: dir)
    #expect(controlled.status == 0, "\(controlled.stdout)\(controlled.stderr)")
    #expect(controlled.stderr.contains("control run loss=squared"))
    #expect(controlled.stdout.contains("control fails ✓") && !controlled.stdout.contains("CANNOT FAIL"))
    #expect(controlled.stdout.contains("every prediction fails on its negative control"))
    #expect(
      FileManager.default.fileExists(
        atPath: dir + "/results/quick/controls/vardi2022-kkt/loss-squared/vardi2022-kkt.h5"))
    let again = try Self.repro(["check", "vardi2022-kkt", "--preset", "quick", "--controls"], in: dir)
    #expect(again.status == 0 && !again.stderr.contains("control run"))
    func dump(_ attribute: String) throws -> String {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      p.arguments = ["h5dump", "-a", attribute, dir + "/results/quick/vardi2022-kkt.h5"]
      let out = Pipe()
      p.standardOutput = out
      try p.run()
      let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      p.waitUntilExit()
      return p.terminationStatus == 0 ? text : "h5dump failed: \(text)"
    }
    // The control itself fails, and it is a wrong-regime control (issue 24), so the claim's combined status fails too.
    let own = try dump("/claims/c001/controls/k000/status")
    #expect(own.contains("\"fails\""), "\(own)")
    let kind = try dump("/claims/c001/controls/k000/kind")
    #expect(kind.contains("\"wrong-regime\""), "\(kind)")
    let combined = try dump("/claims/c001/control_status")
    #expect(combined.contains("\"fails\""), "\(combined)")
  }

  @Test func checkDiffAndBlessExitStatuses() throws {
    let dir = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = try Self.repro(
      ["run", "vardi2022-flip-vs-dim", "--preset", "quick", "--set", "max_steps=300", "--quiet"], in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    // No baseline yet: cannot compare.
    let none = try Self.repro(["diff", "vardi2022-flip-vs-dim", "--preset", "quick"], in: dir)
    #expect(none.status == 2)
    #expect(none.stderr.contains("no baseline"))
    // Overridden parameters are not the preset's own: bless refuses, and writes nothing.
    let refused = try Self.repro(["bless", "vardi2022-flip-vs-dim", "--preset", "quick"], in: dir)
    #expect(refused.status != 0)
    #expect(refused.stderr.contains("max_steps"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/results/baselines"))
    let forced = try Self.repro(["bless", "vardi2022-flip-vs-dim", "--preset", "quick", "--force"], in: dir)
    #expect(forced.status == 0)
    let same = try Self.repro(["diff", "vardi2022-flip-vs-dim", "--preset", "quick"], in: dir)
    #expect(same.status == 0, "\(same.stdout)")
    #expect(same.stdout.contains("within tolerance"))
    // A rerun with other parameters is not comparable.
    _ = try Self.repro(
      ["run", "vardi2022-flip-vs-dim", "--preset", "quick", "--set", "max_steps=200", "--quiet"], in: dir)
    let other = try Self.repro(["diff", "vardi2022-flip-vs-dim", "--preset", "quick"], in: dir)
    #expect(other.status == 2)
    #expect(other.stderr.contains("not comparable") && other.stderr.contains("max_steps"))
    // check prints the table and exits 0 or 1 by the verdicts.
    let check = try Self.repro(["check", "vardi2022-flip-vs-dim", "--preset", "quick"], in: dir)
    #expect(check.status == 0 || check.status == 1)
    #expect(check.stdout.contains("grows like d^{1/2}"))
  }
}
