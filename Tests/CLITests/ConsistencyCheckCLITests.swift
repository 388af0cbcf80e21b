import Foundation
import Testing

/// Issue 24: a consistency check (vardi2022-width's flatness in m) is labelled as such in `repro check`'s table and
/// `--json`, and counted apart from the predictions.
@Suite struct ConsistencyCheckCLITests {
  @Test func checkLabelsAndCountsAConsistencyCheckApart() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let id = "vardi2022-width"
    let statement = "The flip radius does not depend on the width m"
    let run = try CLITests.repro(["run", id, "--preset", "quick", "--jobs", "1", "--quiet"], in: dir)
    #expect(run.status == 0, "\(run.stderr)")

    let table = try CLITests.repro(["check", id, "--preset", "quick"], in: dir)
    #expect(table.stdout.contains("[consistency check] \(statement)"), "\(table.stdout)")
    #expect(table.stdout.contains("  consistency check, \(statement): "), "\(table.stdout)")
    #expect(table.stdout.contains("verdicts: ") && table.stdout.contains(", 1 consistency check ("), "\(table.stdout)")

    let check = try CLITests.repro(["check", id, "--preset", "quick", "--json"], in: dir)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
    let experiment = try #require((document["experiments"] as? [[String: Any]])?.first)
    let claims = try #require(experiment["claims"] as? [[String: Any]])
    let flat = try #require(claims.first { $0["statement"] as? String == statement })
    #expect(flat["role"] as? String == "consistency check")
    #expect(!((flat["consistency_check"] as? String) ?? "").isEmpty && flat["code_check"] == nil)
    #expect(flat["margin"] is [String: Any])
    let roles = try #require(document["roles"] as? [String: [String: Int]])
    #expect(roles["consistency check"]?["verdicts"] == 1)
    #expect(roles["prediction"]?["verdicts"] == claims.filter { $0["role"] as? String == "prediction" }.count)
  }
}
