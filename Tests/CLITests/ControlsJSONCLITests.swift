import Foundation
import Testing

/// Issues 24/25: `repro check <id> --controls --json` lists every control of a claim (kind, preset, settings,
/// description, status, observed value, margin), so a script can tell a wrong-regime control from an instrument check.
@Suite struct ControlsJSONCLITests {
  @Test func checkJSONListsEveryControlWithItsKindAndEachMargin() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // vardi2022-kkt: converted (issue 24), with wrong-regime controls and instrument checks, all at the quick preset.
    let id = "vardi2022-kkt"
    let run = try CLITests.repro(["run", id, "--preset", "quick", "--jobs", "1", "--quiet"], in: dir)
    #expect(run.status == 0, "\(run.stderr)")

    let check = try CLITests.repro(["check", id, "--preset", "quick", "--controls", "--quiet", "--json"], in: dir)
    let document = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
    let experiment = try #require((document?["experiments"] as? [[String: Any]])?.first)
    let claims = try #require(experiment["claims"] as? [[String: Any]])
    #expect(!claims.isEmpty)
    var controlled = 0
    var kinds: Set<String> = []
    for claim in claims {
      let controls = try #require(claim["controls"] as? [[String: Any]], "\(claim)")
      #expect(claim["margin"] != nil)
      for control in controls {
        controlled += 1
        kinds.insert(control["kind"] as? String ?? "")
        #expect(["wrong-regime", "instrument"].contains(control["kind"] as? String ?? ""), "\(control)")
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
        // Every prediction of a converted module fails on a wrong-regime control.
        #expect(summary["status"] as? String == "fails", "\(summary)")
      }
    }
    #expect(controlled > 0)
    #expect(kinds.contains("wrong-regime"), "\(kinds)")
    // A slope or share claim carries its margin with the words saying which statistic and which spread.
    let margins = claims.compactMap { $0["margin"] as? [String: Any] }
    #expect(!margins.isEmpty && margins.allSatisfy { ($0["what"] as? String ?? "").contains("spread") })
    #expect(document?["instrument_only_predictions"] as? Int == 0, "\(check.stdout)")
  }
}
