import Foundation
import HDF5
import Testing

@testable import Harness

/// Issue 21, item 12: a result file whose counts or numbers were damaged or crafted is refused with one line
/// (a negative `points` used to trap in `0..<n`, a NaN wall time in the gallery's `Int(_:)`).
@Suite struct CraftedResultTests {
  static func result(_ edit: (H5Group) throws -> Void) throws -> (String, String) {
    let dir = RunnerTests.temporaryDirectory()
    let ws = Workspace(results: dir + "/results", figures: dir + "/figures", baselines: dir + "/baselines")
    let path = try ws.run(
      ToyExperiment.self, try Configuration(experiment: ToyExperiment.self, preset: .quick), runner: Runner(quiet: true)
    )
    let file = try H5File.update(atomicallyAt: path)
    try edit(file.root)
    try file.commit()
    return (path, dir)
  }

  @Test(arguments: [Int64(-3), Int64.min])
  func aNegativePointCountIsOneLine(count: Int64) throws {
    let (path, dir) = try Self.result { try $0.setAttribute("points", .int(count)) }
    defer { try? FileManager.default.removeItem(atPath: dir) }
    do {
      _ = try Results.read(path)
      Issue.record("read a result of \(count) points")
    } catch {
      #expect(error.description.contains("not a count of points") && !error.description.contains("\n"), "\(error)")
    }
  }

  @Test func anAbsurdWallTimeIsNotATrap() throws {
    for wall in [Double.nan, .infinity, 1e300, -5] {
      let (path, dir) = try Self.result {
        try $0.setAttribute("wall_seconds", .double(wall))
        try $0.setAttribute("jobs", .double(1e300))
      }
      defer { try? FileManager.default.removeItem(atPath: dir) }
      #expect(Gallery.wallTime(try Results.read(path)) == "an unrecorded time")
    }
  }
}
