import Foundation

/// Where a result came from: the git commit of the working tree and whether it
/// had uncommitted changes, the harness version, the time.
public struct Provenance: Sendable {
  public static let harnessVersion = "0.1.0"
  /// Bumped whenever the layout of result files changes.
  public static let schemaVersion: Int64 = 1

  public var gitCommit: String
  public var gitDirty: Bool

  /// Asks git about the current directory; "unknown" outside a checkout.
  public static func current() -> Provenance {
    let commit = git(["rev-parse", "HEAD"])?.trimmingCharacters(in: .whitespacesAndNewlines)
    let status = git(["status", "--porcelain", "--untracked-files=no"])
    return Provenance(gitCommit: commit ?? "unknown", gitDirty: status.map { !$0.isEmpty } ?? false)
  }

  private static func git(_ args: [String]) -> String? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git"] + args
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
  }
}

/// ISO 8601 in UTC, to the second.
func iso8601(_ date: Date) -> String {
  let f = ISO8601DateFormatter()
  f.formatOptions = [.withInternetDateTime]
  return f.string(from: date)
}
