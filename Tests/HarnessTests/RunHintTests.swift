import Foundation
import Testing

@testable import Harness

/// Issue 28: the command a missing result's error names, from the file's path.
@Suite struct RunHintTests {
  @Test func theDefaultFoldersNameTheirPreset() {
    #expect(Results.runCommand(for: "results/gao2019-lazy.h5") == "repro run gao2019-lazy")
    #expect(Results.runCommand(for: "results/quick/gao2019-lazy.h5") == "repro run gao2019-lazy --preset quick")
    #expect(Results.runCommand(for: "./results/cluster/x.h5") == "repro run x --preset cluster")
    let here = FileManager.default.currentDirectoryPath
    #expect(Results.runCommand(for: here + "/results/quick/x.h5") == "repro run x --preset quick")
  }

  @Test func anotherFolderIsNamedAndQuotedWhenNeeded() {
    #expect(Results.runCommand(for: "/tmp/a/x.h5") == "repro run x --results /tmp/a")
    #expect(Results.runCommand(for: "/tmp/a/quick/x.h5") == "repro run x --preset quick --results /tmp/a/quick")
    #expect(Results.runCommand(for: "/tmp/my results/x.h5") == "repro run x --results '/tmp/my results'")
  }
}
