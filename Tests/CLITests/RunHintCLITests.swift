import Foundation
import Testing

/// Issue 28: a missing result's error names the exact command that writes it, preset and folder included.
@Suite struct RunHintCLITests {
  @Test func aMissingQuickResultNamesTheQuickRun() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try CLITests.repro(["plot", "gao2019-lazy", "--preset", "quick"], in: dir)
    #expect(r.status != 0 && r.stderr.contains("run `repro run gao2019-lazy --preset quick` first"), "\(r.stderr)")
  }

  @Test func aMissingResultInAnotherFolderNamesTheFolder() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try CLITests.repro(["plot", "gao2019-lazy", "--results", dir + "/quick"], in: dir)
    #expect(
      r.status != 0 && r.stderr.contains("run `repro run gao2019-lazy --preset quick --results \(dir)/quick` first"),
      "\(r.stderr)")
  }
}
