import Foundation
import Testing

/// `repro archive`'s refusals at the command line (issue 27, item 5): one line each, the exit status of its
/// kind, and no `--out` directory left behind.
@Suite struct ArchiveCLITests {
  @Test func refusalsAreOneLine() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let sources = FileManager.default.currentDirectoryPath
    let results = ["--preset", "quick", "--results", dir + "/results", "--out", dir + "/bundle"]

    let unknown = try CLITests.repro(["archive", "no-such-experiment"] + results, in: sources)
    #expect(OneLineErrorCLITests.oneLine(unknown) && unknown.stderr.contains("no-such-experiment"), "\(unknown.stderr)")

    let missing = try CLITests.repro(["archive", "gao2019-lazy"] + results, in: sources)
    #expect(OneLineErrorCLITests.oneLine(missing) && missing.status == 2, "\(missing.stderr)")
    #expect(missing.stderr.contains("repro run gao2019-lazy --preset quick"), "\(missing.stderr)")

    let none = try CLITests.repro(["archive"] + results, in: sources)
    #expect(
      OneLineErrorCLITests.oneLine(none) && none.stderr.contains("no results at the quick preset"), "\(none.stderr)")

    let noOut = try CLITests.repro(["archive", "gao2019-lazy"], in: sources)
    #expect(OneLineErrorCLITests.oneLine(noOut) && noOut.stderr.contains("--out"), "\(noOut.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/bundle"))
  }
}
