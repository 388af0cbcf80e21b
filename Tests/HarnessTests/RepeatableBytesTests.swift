import Foundation
import HDF5
import Testing

@testable import Harness

/// Issue 21, item 17: two runs of the same code and parameters differ only in what the README names
/// (`created`, `wall_seconds`, `jobs`, `cores`); a parameter written `-0` is the same point as `0`.
@Suite struct RepeatableBytesTests {
  @Test func negativeZeroIsZero() throws {
    let parameter = try #require(ToyExperiment.parameters.first { $0.name == "scale" })
    guard case .real(let x) = try parameter.parse("-0") else {
      Issue.record("not a real")
      return
    }
    #expect(x == 0 && x.sign == .plus)
    guard case .real(let y) = try parameter.parse(" -0.0e3 ") else {
      Issue.record("not a real")
      return
    }
    #expect(y.sign == .plus)

    let negative = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["scale=-0"])
    let positive = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["scale=0"])
    #expect(negative.json == positive.json)
    #expect(
      negative.points.map { $0.streamKey(experiment: ToyExperiment.id) }
        == positive.points.map { $0.streamKey(experiment: ToyExperiment.id) })

    // The same bytes in the result.
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let provenance = Provenance.current(for: ToyExperiment.self)
    let created = Date(timeIntervalSince1970: 1_800_000_000)
    for (name, c) in [("negative", negative), ("positive", positive)] {
      try ResultWriter.write(
        to: "\(dir)/\(name).h5", experiment: ToyExperiment.self, configuration: c,
        records: try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c), provenance: provenance,
        created: created, wallSeconds: 1)
    }
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: "\(dir)/negative.h5"))
        == Data(contentsOf: URL(fileURLWithPath: "\(dir)/positive.h5")))
  }

  /// Runs with other `--jobs` differ in exactly the attributes the README names, and in no dataset.
  @Test func otherJobsDifferOnlyInTheNamedAttributes() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,4", "seeds=2"])
    let provenance = Provenance.current(for: ToyExperiment.self)
    for (name, jobs) in [("one", 1), ("three", 3)] {
      try ResultWriter.write(
        to: "\(dir)/\(name).h5", experiment: ToyExperiment.self, configuration: c,
        records: try Runner(jobs: jobs, quiet: true).run(ToyExperiment.self, c), provenance: provenance,
        created: Date(), wallSeconds: Double(jobs), jobs: jobs)
    }
    let a = try Results.read("\(dir)/one.h5")
    let b = try Results.read("\(dir)/three.h5")
    let differing = Set(a.attributes.keys).union(b.attributes.keys).filter { a.attributes[$0] != b.attributes[$0] }
    #expect(differing.isSubset(of: ["created", "wall_seconds", "jobs", "cores"]), "\(differing.sorted())")
    #expect(differing.contains("jobs"))
    #expect(a.points.map(\.scalars) == b.points.map(\.scalars))
    #expect(a.points.map(\.arrays) == b.points.map(\.arrays))
  }
}
