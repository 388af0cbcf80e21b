import Foundation
import Testing

/// Issue 27, item 2: `repro run` stopped by SIGTERM (or Slurm's SIGUSR1) starts no new point, keeps every point
/// it stored (whole files only), exits 75 with one line naming how many are stored, and the same command then
/// resumes from them to a result equal to an uninterrupted run's.
@Suite(.serialized) struct RunSignalsCLITests {
  static let id = "deng2020-adv-training"
  static let args = ["run", id, "--preset", "quick", "--set", "seeds=1", "--jobs", "2"]

  /// The point files of the store (every code version) and anything else in it (temporaries).
  static func store(_ results: String) -> (points: [String], other: [String]) {
    let root = results + "/.store/" + id
    let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []
    let names = files.filter { !$0.hasSuffix("/") && $0.contains("/") }
    return (names.filter { $0.hasSuffix(".h5") && !$0.contains(".tmp-") }, names.filter { $0.contains(".tmp-") })
  }

  /// Equal in every byte but those of `created` and `wall_seconds` (as `make test-slurm` compares).
  static func sameResult(_ a: String, _ b: String) throws -> Bool {
    let x = try Data(contentsOf: URL(fileURLWithPath: a))
    let y = try Data(contentsOf: URL(fileURLWithPath: b))
    return x.count == y.count && zip(x, y).filter { $0 != $1 }.count <= 28
  }

  @Test(arguments: [SIGTERM, SIGUSR1])
  func aStoppedRunKeepsWholePointsAndTheRerunCompletesIt(signal: Int32) throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let cwd = FileManager.default.currentDirectoryPath
    let results = dir + "/stopped"
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CLITests.binary)
    p.arguments = Self.args + ["--results", results]
    p.currentDirectoryURL = URL(fileURLWithPath: cwd)
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    // Stopped once two points are stored: the others are not started.
    let deadline = Date().addingTimeInterval(60)
    while Self.store(results).points.count < 2 && p.isRunning && Date() < deadline { usleep(20_000) }
    kill(p.processIdentifier, signal)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    let stored = Self.store(results)
    #expect(p.terminationStatus == 75, "\(stderr)")
    let line = "stopped by \(signal == SIGTERM ? "SIGTERM" : "SIGUSR1"): \(stored.points.count) of 9 points are stored"
    #expect(stderr.contains(line), "\(stderr)")
    #expect(stored.points.count >= 2 && stored.points.count < 9, "\(stored.points)")
    #expect(stored.other.isEmpty, "temporaries left: \(stored.other)")
    #expect(!FileManager.default.fileExists(atPath: results + "/\(Self.id).h5"))

    // The same command resumes: only the missing points run, and the result is an uninterrupted run's.
    let rerun = try CLITests.repro(Self.args + ["--results", results], in: cwd)
    #expect(rerun.status == 0 && rerun.stdout.contains("\(stored.points.count) of 9 points reused"), "\(rerun.stdout)")
    let whole = try CLITests.repro(Self.args + ["--results", dir + "/whole"], in: cwd)
    #expect(whole.status == 0, "\(whole.stderr)")
    #expect(try Self.sameResult(results + "/\(Self.id).h5", dir + "/whole/\(Self.id).h5"))
  }
}
