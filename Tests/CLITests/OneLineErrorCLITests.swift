import Foundation
import Testing

/// Issue 21, item 18: errors about unusual paths are one line, in words: a path over the system's limit, a
/// path holding a newline, a store that cannot be removed (an immutable folder, which stops root too).
@Suite struct OneLineErrorCLITests {
  static func oneLine(_ r: CLITests.Outcome) -> Bool {
    r.status != 0 && r.stderr.hasSuffix("\n") && r.stderr.dropLast().split(separator: "\n").count == 1
      && !r.stderr.contains("Error Domain")
  }

  @Test func aPathOverTheLimitIsOneLine() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let long = dir + "/" + Array(repeating: String(repeating: "a", count: 200), count: 22).joined(separator: "/")
    let r = try CLITests.repro(["run", "gao2019-lazy", "--preset", "quick", "--results", long], in: dir)
    #expect(Self.oneLine(r) && r.stderr.contains("file name too long"), "\(r.stderr.prefix(400))")
  }

  @Test func aNewlineInAPathIsOneLine() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try CLITests.repro(["plot", "gao2019-lazy", "--results", dir + "/new\nline"], in: dir)
    #expect(Self.oneLine(r) && r.stderr.contains("new\\nline"), "\(r.stderr)")
  }

  @Test func cleanStoreOnAnImmutableTreeIsOneLine() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let version = dir + "/results/.store/gao2019-lazy/0000000000000000"
    try FileManager.default.createDirectory(atPath: version, withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: version + "/point.h5", contents: Data())
    guard Self.chattr("+i", version) else {
      print("OneLineErrorCLITests: chattr +i is refused here: not checked")
      return
    }
    defer { _ = Self.chattr("-i", version) }
    // From the source tree, so that clean-store can tell the stale version from the current one.
    let sources = FileManager.default.currentDirectoryPath
    let r = try CLITests.repro(["clean-store", "gao2019-lazy", "--results", dir + "/results"], in: sources)
    #expect(Self.oneLine(r) && r.stderr.contains("cannot remove \(version)"), "\(r.stderr)")
    #expect(r.stderr.contains("operation not permitted") || r.stderr.contains("permission denied"), "\(r.stderr)")
  }

  static func chattr(_ flag: String, _ path: String) -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
    p.arguments = [flag, path]
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
  }
}
