import ArgumentParser
import Experiments
import Foundation
import Harness

struct Bisect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Find the first commit between --good and --bad whose result for an experiment moved beyond its tolerances.",
    discussion: """
      Run at the package root of a git clone. Each candidate is checked out in a temporary worktree (never the \
      tree you work in: uncommitted changes are ignored, the bisect uses commits only), built there with \
      `swift build -c release --product repro` in one scratch build shared by all candidates, run with \
      `repro run <id> --preset P`, and compared with the good commit's result as `repro diff` compares (tolerances \
      from the sensitivity stored beside the good commit's baseline, else the current tree's). A commit that does \
      not change the experiment's source fingerprint is never built: its result is its parent's. First parents \
      only (a merge is one step). A candidate that fails to build or run is skipped. Exit 0 when found, 3 when \
      nothing moved, 4 when the good commit does not reproduce, 5 when skipped commits leave it undecided. \
      See docs/bisect.md.
      """)

  @Argument(help: "The experiment id (see `repro list`).")
  var id: String

  @Option(help: ArgumentHelp("A commit whose result is the reference.", valueName: "rev"))
  var good: String

  @Option(help: ArgumentHelp("A later commit whose result moved.", valueName: "rev"))
  var bad: String

  @Option(help: "The preset each commit is run at.")
  var preset: Preset = .quick

  @Option(
    name: .customLong("set"), help: ArgumentHelp("Override a parameter in every run.", valueName: "name=value[,value…]")
  )
  var overrides: [String] = []

  @Option(parsing: .unconditional, help: "Sweep points each run computes at once.")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Keep the temporary worktree, build and results (their path is printed).")
  var keep = false

  static let nothingMoved: Int32 = 3
  static let goodDoesNotReproduce: Int32 = 4
  static let undecided: Int32 = 5

  func run() throws {
    var code: Int32 = 0
    try reporting { code = try bisect() }
    if code != 0 { throw ExitCode(code) }
  }

  private func bisect() throws -> Int32 {
    guard jobs >= 1 else { throw ReproError.badValue("--jobs must be at least 1, got \(jobs)") }
    let e = try experiment(named: id)
    let root = FileManager.default.currentDirectoryPath
    let git = Git(directory: root)
    _ = try git.toplevel()
    guard FileManager.default.fileExists(atPath: root + "/Package.swift") else {
      throw ReproError.badValue("\(root) is not the package root: run `repro bisect` where Package.swift is")
    }
    let goodHash = try git.resolve(good, as: "good")
    let badHash = try git.resolve(bad, as: "bad")
    guard goodHash != badHash else {
      throw ReproError.badValue("--good and --bad are the same commit \(goodHash.prefix(10)): give an earlier --good")
    }
    guard git.isAncestor(goodHash, of: badHash) else {
      throw ReproError.badValue(
        "--good \(good) is not an ancestor of --bad \(bad): give a good commit from bad's history (swap them if good is the newer)"
      )
    }
    if git.isDirty() {
      printOut(
        "note: the working tree has uncommitted changes: the bisect uses commits only and never touches the tree")
    }
    let commits = [try git.commit(goodHash)] + (try git.firstParentRange(good: goodHash, bad: badHash))
    let space = try BisectWorkspace(git: git, prefix: try git.prefix(), userRoot: root, keep: keep)
    defer { if let note = space.finish() { printOut(note) } }
    let fingerprints = CommitFingerprints(git: git, scratch: space.temp)
    let prints = try commits.map { try fingerprints.of(e, at: $0.hash) }
    var search = BisectSearch(fingerprints: prints.map(\.digest))
    let changes = Set(search.changes)
    printOut(
      "bisecting \(e.id) at the \(preset.rawValue) preset over \(commits.count - 1) commits after \(commits[0].short) (first parents); \(changes.count) change its source fingerprint"
    )
    let tester = BisectTester(
      experiment: e, space: space, userRoot: root, preset: preset.rawValue, runArguments: runArguments,
      sensitivity: try sensitivity(git: git, good: goodHash, root: root, space: space))
    printOut("tolerances: \(tester.sensitivity.description)")

    // Every commit of the range, and whether it can move the result.
    for k in 1..<commits.count {
      let how =
        changes.contains(k)
        ? "fingerprint changed (\(prints[k].changes(since: prints[k - 1].files).prefix(2).joined(separator: ", ")))"
        : "fingerprint unchanged: not built, its result is its parent's"
      printOut("  \(commits[k].short) \(clip(commits[k].subject))  \(how)")
    }
    // Nothing to run when the bad commit has the good commit's sources for the experiment.
    if prints.last!.digest == prints[0].digest {
      return conclude(
        .nothingMoved, commits: commits, prints: prints, tested: [], search: search, reports: [:], tester: tester)
    }
    // The reference: the good commit's result.
    let goodRun = try tester.test(commits[0], fingerprint: prints[0].digest, label: "good")
    guard let reference = goodRun.result else {
      FileHandle.standardError.write(Data("repro: the good commit does not reproduce: \(goodRun.failure)\n".utf8))
      return Self.goodDoesNotReproduce
    }
    if overrides.isEmpty, let failure = try tester.reproducesBaseline(reference, good: goodHash, fingerprint: prints[0])
    {
      FileHandle.standardError.write(Data("repro: the good commit does not reproduce: \(failure)\n".utf8))
      return Self.goodDoesNotReproduce
    }
    var reports: [String: BisectTester.Comparison] = [:]
    var tested: [Int] = []
    while true {
      switch search.next() {
      case .test(let k):
        let label = commits[k].short
        let run = try tester.test(commits[k], fingerprint: prints[k].digest, label: label)
        tested.append(k)
        guard let result = run.result else {
          printOut("  \(label): SKIP: \(run.failure)")
          search.record(k, .skip)
          continue
        }
        let comparison = tester.compare(result, reference)
        reports[prints[k].digest] = comparison
        search.record(k, comparison.moved ? .moved : .same)
        printOut("  \(label): \(comparison.moved ? "MOVED" : "same") (\(comparison.summary))")
      case .done(let conclusion):
        return conclude(
          conclusion, commits: commits, prints: prints, tested: tested, search: search, reports: reports, tester: tester
        )
      }
    }
  }

  private var runArguments: [String] {
    ["--preset", preset.rawValue, "--jobs", "\(jobs)"] + overrides.flatMap { ["--set", $0] }
  }

  /// The stored sensitivity the tolerances come from: the good commit's, else the current tree's.
  private func sensitivity(git: Git, good: String, root: String, space: BisectWorkspace) throws -> BisectTolerances {
    let relative = SensitivityReport.path(id, preset: preset, root: Workspace.defaultBaselines)
    if let data = git.file(relative, at: good) {
      let path = space.temp + "/good.sensitivity.json"
      try data.write(to: URL(fileURLWithPath: path))
      return BisectTolerances(path: path, description: "\(relative) as stored at the good commit")
    }
    if FileManager.default.fileExists(atPath: root + "/" + relative) {
      return BisectTolerances(
        path: root + "/" + relative, description: "\(relative) of the current tree (the good commit has none)")
    }
    return BisectTolerances(
      path: nil, description: "none stored (neither at the good commit nor in the tree): every float compared tight")
  }
}

/// Where the tolerances come from, as the bisect says.
struct BisectTolerances {
  var path: String?
  var description: String
}

func clip(_ s: String, _ n: Int = 60) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
