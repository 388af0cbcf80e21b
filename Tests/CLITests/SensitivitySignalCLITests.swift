import Foundation
import Testing

/// Issue 21, item 15: `repro sensitivity` stopped by a signal leaves neither its rerun nor its scratch folder.
/// The reruns are paper-preset runs (many seconds), so a child left running is still there when looked for.
@Suite(.serialized) struct SensitivitySignalCLITests {
  /// The pids whose parent is `pid`.
  static func children(of pid: Int32) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { child in
      guard let stat = try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8),
        let close = stat.range(of: ")", options: .backwards)
      else { return false }
      let fields = stat[close.upperBound...].split(separator: " ")
      return fields.count > 1 && Int32(fields[1]) == pid
    }
  }

  /// Whether `pid` runs (a zombie does not).
  static func running(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.range(of: ")", options: .backwards)
    else { return false }
    return stat[close.upperBound...].split(separator: " ").first != "Z"
  }

  /// Starts a sensitivity measurement and returns it with its first rerun's pid.
  static func start(in dir: String) throws -> (Process, Int32)? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CLITests.binary)
    p.arguments = [
      "sensitivity", "gao2019-lazy", "--preset", "paper", "--jobs", "1", "--core-types", "", "--dry-run", "--results",
      dir + "/results", "--baselines", dir + "/baselines",
    ]
    p.currentDirectoryURL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline {
      if let child = children(of: p.processIdentifier).first { return (p, child) }
      if !p.isRunning { return nil }
      usleep(20_000)
    }
    return nil
  }

  static func scratchLeft(_ dir: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir + "/results")) ?? []).filter {
      $0.hasPrefix(".sensitivity")
    }
  }

  @Test(arguments: [SIGTERM, SIGINT])
  func aStoppedMeasurementStopsItsRerunAndRemovesItsScratch(signal: Int32) throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    guard let (parent, child) = try Self.start(in: dir) else {
      // With no core types the rerun is the 1-ulp one, which every CPU runs: no rerun is a failure, not a skip.
      Issue.record("sensitivity started no rerun within 30 s")
      return
    }
    defer { kill(child, SIGKILL) }
    kill(parent.processIdentifier, signal)
    parent.waitUntilExit()
    #expect(parent.terminationStatus == 128 + signal)
    #expect(!Self.running(child), "the rerun \(child) outlived its parent")
    #expect(Self.scratchLeft(dir).isEmpty, "\(Self.scratchLeft(dir))")
  }

  @Test func aKilledMeasurementTakesItsRerunWithIt() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    guard let (parent, child) = try Self.start(in: dir) else {
      // With no core types the rerun is the 1-ulp one, which every CPU runs: no rerun is a failure, not a skip.
      Issue.record("sensitivity started no rerun within 30 s")
      return
    }
    defer { kill(child, SIGKILL) }
    kill(parent.processIdentifier, SIGKILL)
    parent.waitUntilExit()
    let deadline = Date().addingTimeInterval(3)
    while Self.running(child) && Date() < deadline { usleep(20_000) }
    #expect(!Self.running(child), "the rerun \(child) outlived its killed parent")
  }
}
