import Foundation
import Testing

/// Issue 14, item 5: `run --dry-run` and `--json` on list, status, check and diff.
@Suite struct DryRunAndJSONCLITests {
  @Test func dryRunDescribesTheSweepAndWritesNothing() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let first = try CLITests.repro(["run", "gao2019-lazy", "--preset", "quick", "--dry-run"], in: dir)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("parameter") && first.stdout.contains("64, 256, 1024"), "\(first.stdout)")
    #expect(first.stdout.contains("6 point(s) (3 m × 2 seeds): 0 already in the point store, 6 to compute"))
    #expect(first.stdout.contains("estimate:"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    // After a run of two seeds, a third seed needs only its own points.
    #expect(try CLITests.repro(["run", "gao2019-lazy", "--preset", "quick", "--quiet"], in: dir).status == 0)
    let more = try CLITests.repro(
      ["run", "gao2019-lazy", "--preset", "quick", "--set", "seeds=3", "--dry-run"], in: dir)
    #expect(more.stdout.contains("9 point(s) (3 m × 3 seeds): 6 already in the point store, 3 to compute"), "\(more)")
    #expect(more.stdout.contains("seeds") && more.stdout.contains("--set"))
  }

  /// The modules the Makefile finds: experiments/<paper>/<name>.swift with a lower-case name.
  static func moduleFiles() -> Int {
    let experiments = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("experiments").path
    let papers = (try? FileManager.default.contentsOfDirectory(atPath: experiments)) ?? []
    return papers.reduce(0) { count, paper in
      let files = (try? FileManager.default.contentsOfDirectory(atPath: experiments + "/" + paper)) ?? []
      return count + files.filter { $0.hasSuffix(".swift") && $0.first.map { $0.isLowercase } == true }.count
    }
  }

  static func json(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

  @Test func jsonForScripts() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let list = try CLITests.repro(["list", "--json"], in: dir)
    let experiments = try #require(Self.json(list.stdout) as? [[String: Any]])
    #expect(experiments.count == Self.moduleFiles() && experiments.contains { $0["id"] as? String == "gao2019-lazy" })
    let one = try #require(
      Self.json(try CLITests.repro(["list", "gao2019-lazy", "--json"], in: dir).stdout) as? [String: Any])
    #expect((one["parameters"] as? [[String: Any]])?.contains { $0["name"] as? String == "m" } == true)

    #expect(try CLITests.repro(["run", "gao2019-lazy", "--preset", "quick", "--quiet"], in: dir).status == 0)
    let status = try #require(
      Self.json(try CLITests.repro(["status", "gao2019-lazy", "--preset", "quick", "--json"], in: dir).stdout)
        as? [[String: Any]])
    #expect(status.first?["status"] as? String == "up to date")

    let check = try CLITests.repro(["check", "gao2019-lazy", "--preset", "quick", "--json"], in: dir)
    #expect(check.status == 0, "\(check.stderr)")
    let checked = try #require(Self.json(check.stdout) as? [String: Any], "\(check.stdout)")
    let claims = try #require((checked["experiments"] as? [[String: Any]])?.first?["claims"] as? [[String: Any]])
    #expect(claims.count >= 3 && claims.allSatisfy { $0["statement"] is String && $0["verdict"] is String })
    #expect((checked["experiments"] as? [[String: Any]])?.first?["judged"] as? Bool == false)

    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
    let diff = try CLITests.repro(
      ["diff", "gao2019-lazy", "--preset", "quick", "--baselines", root + "/results/baselines", "--json"], in: dir)
    let diffed = try #require(Self.json(diff.stdout) as? [String: Any], "\(diff.stdout)\(diff.stderr)")
    let rows = try #require((diffed["experiments"] as? [[String: Any]])?.first?["rows"] as? [[String: Any]])
    #expect(rows.contains { $0["dataset"] as? String == "/scalars/relative_change" })
    #expect((diffed["differing"] as? Int) == (diff.status == 0 ? 0 : (diffed["differing"] as? Int)))
  }
}

/// Issue 14, item 4: each subcommand's help lists only the workspace options it uses.
@Suite struct SubcommandHelpCLITests {
  @Test(arguments: [
    ("run", ["--results"], ["--figures", "--baselines"]),
    ("plot", ["--results", "--figures"], ["--baselines"]),
    ("diff", ["--results", "--baselines", "--json"], ["--figures"]),
    ("status", ["--results", "--json"], ["--figures", "--baselines"]),
    ("bless", ["--results", "--baselines"], ["--figures"]),
  ])
  func helpListsOnlyWhatTheCommandUses(command: String, has: [String], hasNot: [String]) throws {
    let r = try CLITests.repro([command, "--help"], in: CLITests.scratch())
    #expect(r.status == 0)
    for option in has { #expect(r.stdout.contains(option), "\(command) --help lacks \(option)") }
    for option in hasNot { #expect(!r.stdout.contains(option), "\(command) --help lists \(option)") }
  }
}
