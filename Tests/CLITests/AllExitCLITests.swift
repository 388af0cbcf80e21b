import Foundation
import HDF5
import Testing

/// Issue 21, item 19: `repro all` fails, as `check` does, when a verdict is not as expected. At the quick preset
/// only a code check counts (predictions are judged at the paper preset), so the test makes one fail: it runs
/// vardi2022-robust-exists once to fill the point store, raises one stored point's certified radius far above
/// √d/2, and `repro all` (which reuses the stored point) must then exit 1 naming the code check.
@Suite struct AllExitCLITests {
  @Test func allFailsWhenAVerdictIsNotAsExpected() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let id = "vardi2022-robust-exists"
    let run = try CLITests.repro(["run", id, "--preset", "quick", "--quiet", "--jobs", "2"], in: dir)
    try #require(run.status == 0, "\(run.stderr)")
    let store = dir + "/results/quick/.store/\(id)"
    let files = try #require(FileManager.default.enumerator(atPath: store)?.allObjects as? [String])
    let point = try #require(files.first { $0.hasSuffix(".h5") })
    let file = try H5File.update(atomicallyAt: store + "/" + point)
    guard case .string(let json) = try file.root.attribute("scalar_names"),
      let names = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String],
      let k = names.firstIndex(of: "robust_certified_median")
    else {
      Issue.record("the stored point has no robust_certified_median")
      return
    }
    var scalars = try file.root.readDoubles("scalars").values
    scalars[k] = 1e6
    try file.root.remove("scalars")
    try file.root.write("scalars", NDArray(scalars))
    try file.commit()

    let all = try CLITests.repro(["all", "--preset", "quick", "--quiet", "--jobs", "2"], in: dir)
    #expect(all.status == 1, "\(all.stdout)\n\(all.stderr)")
    #expect(all.stderr.contains("not as expected at the quick preset"), "\(all.stderr)")
    #expect(all.stderr.contains("\(id): R's certified radius is at most √d/2"), "\(all.stderr)")
    #expect(all.stdout.contains("code check(s) FAIL"))
  }
}
