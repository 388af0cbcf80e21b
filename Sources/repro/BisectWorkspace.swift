import Foundation
import Harness

/// The temporary folder of one `repro bisect`: one git worktree (`git worktree add --detach`), moved from
/// candidate to candidate with `git checkout --detach`, one shared scratch build (`--scratch-path`), and one
/// results folder per tested commit. The user's tree is never touched. Removed at the end, on an error and on
/// SIGINT/SIGTERM/SIGHUP (`ChildProcesses` stops the running child and exits; an exit handler removes the
/// worktree and prunes git's record of it), unless `--keep`.
///
/// One worktree and not one per candidate, on purpose: SwiftPM's incremental build keys on absolute paths and
/// file times, so a build in a fresh checkout (or in a copy of another tree's `.build`) compiles everything;
/// moving one checkout rewrites only the files that changed, and the next build recompiles only their modules.
final class BisectWorkspace {
  let git: Git
  /// The package root's path inside the repository ("" or "sub/").
  let prefix: String
  let userRoot: String
  let temp: String
  let keep: Bool
  private(set) var checkedOut: String?

  var worktree: String { temp + "/src" }
  var packageRoot: String { prefix.isEmpty ? worktree : worktree + "/" + prefix.dropLast() }
  var scratch: String { temp + "/build" }

  init(git: Git, prefix: String, userRoot: String, keep: Bool) throws {
    (self.git, self.prefix, self.userRoot, self.keep) = (git, prefix, userRoot, keep)
    var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("repro-bisect-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else {
      throw ReproError.failed("cannot make a temporary folder under \(NSTemporaryDirectory())")
    }
    temp = String(cString: made)
    // An earlier bisect stopped by SIGKILL may have left git's record of its worktree.
    _ = try? git.data(["worktree", "prune"])
    if !keep {
      ChildProcesses.removeOnSignal(temp)
      BisectCleanup.register(repository: git.directory, worktree: worktree, temp: temp)
    }
  }

  /// Checks `commit` out in the worktree (made at the first call).
  func checkout(_ commit: String) throws {
    if checkedOut == nil {
      try git.data(["worktree", "add", "--detach", "--quiet", worktree, commit])
      // The dependencies' checkouts and their resolved versions from the user's build: no network, and the
      // same versions (Package.resolved is not committed).
      let fm = FileManager.default
      try? fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
      for name in ["checkouts", "repositories", "artifacts", "workspace-state.json"] {
        let from = userRoot + "/.build/" + name
        if fm.fileExists(atPath: from) { try? copy(from, to: scratch + "/" + name) }
      }
      if fm.fileExists(atPath: userRoot + "/Package.resolved") {
        try? copy(userRoot + "/Package.resolved", to: packageRoot + "/Package.resolved")
      }
    } else {
      try Git(directory: worktree).data(["checkout", "--detach", "--quiet", "--force", commit])
    }
    checkedOut = commit
  }

  /// `swift build -c release --product repro` in the worktree; the binary's path, or nil and the log's tail.
  func build(log: String) throws -> (binary: String?, failure: String) {
    let status = try spawn(
      ["swift", "build", "-c", "release", "--product", "repro", "--scratch-path", scratch], in: packageRoot,
      log: log, environment: [:])
    let binary = scratch + "/release/repro"
    if status == 0, FileManager.default.isExecutableFile(atPath: binary) { return (binary, "") }
    return (nil, "the build failed (exit \(status)): \(tail(log)); log: \(log)")
  }

  /// `<binary> run <id> …` with the worktree as its source root; the result's path, or nil and why.
  func run(binary: String, arguments: [String], id: String, results: String, log: String) throws
    -> (result: String?, failure: String)
  {
    let status = try spawn(
      [binary, "run", id, "--results", results, "--quiet"] + arguments, in: packageRoot, log: log,
      environment: ["REPRO_SOURCE_ROOT": packageRoot])
    let result = results + "/\(id).h5"
    if status == 0, FileManager.default.fileExists(atPath: result) { return (result, "") }
    return (nil, "the run failed (exit \(status)): \(tail(log)); log: \(log)")
  }

  /// Removes the worktree and the folder (or says where they are, with --keep).
  func finish() -> String? {
    if keep {
      guard checkedOut != nil else {
        return "kept \(temp) (no commit was checked out); remove it with `rm -rf \(temp)`"
      }
      return
        "kept \(temp) (worktree \(worktree), build \(scratch)); remove it with `git worktree remove --force \(worktree) && rm -rf \(temp)`"
    }
    BisectCleanup.run()
    return nil
  }

  private func copy(_ from: String, to: String) throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["cp", "-a", "--reflink=auto", from, to]
    try p.run()
    p.waitUntilExit()
  }

  /// Runs a command to its end (a signal stops it first, see `ChildProcesses`), output appended to `log`.
  private func spawn(_ command: [String], in directory: String, log: String, environment: [String: String]) throws
    -> Int32
  {
    FileManager.default.createFile(atPath: log, contents: nil)
    guard let handle = FileHandle(forWritingAtPath: log) else { throw ReproError.failed("cannot write \(log)") }
    defer { try? handle.close() }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: command[0].hasPrefix("/") ? command[0] : "/usr/bin/env")
    p.arguments = command[0].hasPrefix("/") ? Array(command.dropFirst()) : command
    p.currentDirectoryURL = URL(fileURLWithPath: directory)
    p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    p.standardOutput = handle
    p.standardError = handle
    p.standardInput = FileHandle.nullDevice
    try ChildProcesses.run(p)
    return p.terminationStatus
  }

  /// The last non-empty lines of a log, joined (the error of a failed build or run).
  func tail(_ log: String, lines: Int = 2) -> String {
    let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    return text.split(whereSeparator: \.isNewline).suffix(lines).joined(separator: " | ")
  }
}

/// What must go when the process ends, however it ends short of SIGKILL: the worktree (and git's record of it)
/// and the temporary folder. Run once, at the normal end or from an exit handler (a signal ends the process
/// with `exit`).
enum BisectCleanup {
  nonisolated(unsafe) private static var pending: (repository: String, worktree: String, temp: String)?

  static func register(repository: String, worktree: String, temp: String) {
    pending = (repository, worktree, temp)
    atexit { BisectCleanup.run() }
  }

  static func run() {
    guard let p = pending else { return }
    pending = nil
    let q = shellQuoted
    _ = system(
      "git -C \(q(p.repository)) worktree remove --force \(q(p.worktree)) >/dev/null 2>&1; rm -rf \(q(p.temp)); git -C \(q(p.repository)) worktree prune >/dev/null 2>&1"
    )
  }
}
