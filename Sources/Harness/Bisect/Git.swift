import Foundation

/// The git commands `repro bisect` needs, run in one directory (the package root, which may be a subfolder of
/// the repository). Every failure is a `ReproError` with git's first line of complaint.
public struct Git: Sendable {
  public let directory: String

  public init(directory: String) { self.directory = directory }

  /// One commit of the range, as the bisect prints it.
  public struct Commit: Sendable, Equatable {
    public var hash: String
    public var subject: String
    public var author: String
    public var date: String
    public var short: String { String(hash.prefix(10)) }

    public init(hash: String, subject: String, author: String, date: String) {
      (self.hash, self.subject, self.author, self.date) = (hash, subject, author, date)
    }
  }

  /// The standard output of `git -C directory args`, nil when git is missing or fails (for callers to whom a
  /// missing answer is an answer: the provenance of a tree that is no repository, a source not at a commit).
  public static func output(_ args: [String], in directory: String) -> Data? {
    try? Git(directory: directory).data(args)
  }

  /// Runs `git args` in `directory`; stdin from the file `input`, if any. Returns stdout; throws on a non-zero
  /// exit with the first line of stderr.
  @discardableResult
  public func data(_ args: [String], input: String? = nil) throws -> Data {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git", "-C", directory] + args
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = input.flatMap { FileHandle(forReadingAtPath: $0) } ?? FileHandle.nullDevice
    do { try p.run() } catch { throw ReproError.failed("cannot run git: \(error.localizedDescription); install git") }
    // stdout first, to its end (git says little on stderr, never enough to fill the pipe), then stderr.
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      let message = String(decoding: errData, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)
      throw ReproError.failed(
        "git \(args.prefix(2).joined(separator: " ")) failed: \(message ?? "exit status \(p.terminationStatus)")")
    }
    return data
  }

  /// stdout as text, trailing newline removed.
  public func text(_ args: [String]) throws -> String {
    var s = String(decoding: try data(args), as: UTF8.self)
    while s.hasSuffix("\n") { s.removeLast() }
    return s
  }

  /// The repository's top folder, or a one-line error with the fix when `directory` is not in one.
  public func toplevel() throws -> String {
    do { return try text(["rev-parse", "--show-toplevel"]) } catch {
      throw ReproError.badValue(
        "\(directory) is not in a git repository: bisect compares commits; run it in a clone of the project")
    }
  }

  /// The package root's path inside the repository ("" at the top, else "sub/dir/").
  public func prefix() throws -> String { try text(["rev-parse", "--show-prefix"]) }

  /// The full hash of `rev`, or a one-line error naming it.
  public func resolve(_ rev: String, as role: String) throws -> String {
    guard !rev.isEmpty, !rev.hasPrefix("-"),
      let hash = try? text(["rev-parse", "--verify", "--quiet", "\(rev)^{commit}"]),
      !hash.isEmpty
    else {
      throw ReproError.badValue(
        "--\(role) \(rev) is not a commit of this repository: give a hash, branch or tag (`git log --oneline` lists them)"
      )
    }
    return hash
  }

  public func isAncestor(_ a: String, of b: String) -> Bool {
    (try? data(["merge-base", "--is-ancestor", a, b])) != nil
  }

  /// Whether tracked files have uncommitted changes.
  public func isDirty() -> Bool {
    guard let s = try? text(["status", "--porcelain", "--untracked-files=no"]) else { return false }
    return !s.isEmpty
  }

  /// The commits after `good` up to `bad`, oldest first, along first parents (as `git bisect --first-parent`:
  /// a merge is one step, tested as a whole).
  public func firstParentRange(good: String, bad: String) throws -> [Commit] {
    let raw = try text([
      "log", "--first-parent", "--reverse", "--format=%H%x1f%s%x1f%an <%ae>%x1f%ad", "--date=iso-strict",
      "\(good)..\(bad)",
    ])
    return raw.split(separator: "\n").map { line in
      let f = line.split(separator: "\u{1f}", omittingEmptySubsequences: false).map(String.init)
      return Commit(
        hash: f[0], subject: f.count > 1 ? f[1] : "", author: f.count > 2 ? f[2] : "", date: f.count > 3 ? f[3] : "")
    }
  }

  public func commit(_ hash: String) throws -> Commit {
    let f = try text(["show", "-s", "--format=%H%x1f%s%x1f%an <%ae>%x1f%ad", "--date=iso-strict", hash]).split(
      separator: "\u{1f}", omittingEmptySubsequences: false
    ).map(String.init)
    return Commit(
      hash: f[0], subject: f.count > 1 ? f[1] : "", author: f.count > 2 ? f[2] : "", date: f.count > 3 ? f[3] : "")
  }

  /// The bytes of `path` (relative to `directory`) at `commit`, nil when the commit has no such file.
  public func file(_ path: String, at commit: String) -> Data? {
    try? data(["show", "\(commit):./\(path)"])
  }
}
