import Foundation
import Testing

/// Issues 24/25: `repro check <id> --controls --json` lists every control of a claim (kind, preset, settings,
/// description, status, observed value, margin), so a script can tell a wrong-regime control from an instrument check.
@Suite struct ControlsJSONCLITests {
  @Test func checkJSONListsEveryControlWithItsKindAndEachMargin() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let id = "vardi2022-flip-vs-dim"
    let run = try CLITests.repro(["run", id, "--preset", "quick", "--jobs", "1", "--quiet"], in: dir)
    #expect(run.status == 0, "\(run.stderr)")

    let check = try CLITests.repro(["check", id, "--preset", "quick", "--controls", "--quiet", "--json"], in: dir)
    let document = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
    let experiment = try #require((document?["experiments"] as? [[String: Any]])?.first)
    let claims = try #require(experiment["claims"] as? [[String: Any]])
    #expect(!claims.isEmpty)
    var controlled = 0
    for claim in claims {
      let controls = try #require(claim["controls"] as? [[String: Any]], "\(claim)")
      #expect(claim["margin"] != nil)
      for control in controls {
        controlled += 1
        // The modules declare `.control(_:set:)` today: instrument checks at the quick preset, now run.
        #expect(control["kind"] as? String == "instrument")
        #expect(control["preset"] as? String == "quick")
        #expect(
          !((control["settings"] as? String) ?? "").isEmpty && !((control["description"] as? String) ?? "").isEmpty)
        #expect(["fails", "cannot-fail"].contains(control["status"] as? String ?? ""), "\(control)")
        #expect(!((control["observed"] as? String) ?? "").isEmpty)
        #expect(control.keys.contains("value") && control.keys.contains("margin_sigmas"))
      }
      if !controls.isEmpty, claim["role"] as? String == "prediction",
        let summary = claim["control"] as? [String: Any], summary["status"] as? String != "cannot-fail"
      {
        #expect(summary["status"] as? String == "instrument-only", "\(summary)")
      }
    }
    #expect(controlled > 0)
    // A slope or share claim carries its margin with the words saying which statistic and which spread.
    let margins = claims.compactMap { $0["margin"] as? [String: Any] }
    #expect(!margins.isEmpty && margins.allSatisfy { ($0["what"] as? String ?? "").contains("spread") })
    #expect((document?["instrument_only_predictions"] as? Int ?? 0) > 0, "\(check.stdout)")
  }
}
