import Figures
import Foundation
import GnuplotRenderer
import HDF5
import Numerics
import Testing

@testable import Harness

/// A toy whose claim and figure read names its results do not have (a misspelt scalar, array and parameter).
enum MisspeltToy: Experiment {
  static let id = "toy2000-misspelt"
  static let paper = "toy2000"
  static let reproduces = "nothing (a harness test)"
  static let summary = "Records one scalar at some points only, and reads misspelt names."
  static let parameters: [Parameter] = [
    .int("d", "dimension (swept)", paper: [2, 4, 8], quick: [2], in: 1...1000), .seeds(paper: 1, quick: 1),
  ]

  static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    var r = Record()
    r.set("norm", Double(p.int("d")).squareRoot(), "√d")
    // Recorded at d > 2 only: the file has the name, NaN at d = 2 (a known name, not an error).
    if p.int("d") > 2 { r.set("sometimes", 1, "1, recorded at d > 2 only (NaN at d = 2)") }
    r.set("values", [1, 2], "two values")
    return r
  }

  static let claims: [Claim] = [
    .slope("‖x‖ grows like √d", reason: "exact", of: { $0.scalar("norm") }, against: "d", within: 0.4...0.6),
    .fraction("recorded where it is", reason: "r", of: { $0.scalar("sometimes") }, named: "s", .above(0), atLeast: 0.5),
    .fraction("misspelt scalar", reason: "r", of: { $0.scalar("nrom") }, named: "n", .above(0), atLeast: 1),
  ]

  static func figures(_ results: Results) throws -> [Figure] {
    let values = results.points.first?.array("valeus") ?? []
    return [
      Figure(
        name: "norm", title: "norm", xLabel: "d", yLabel: "‖x‖",
        series: [
          Series(label: "norm", x: results.points.map { $0.real("d") }, y: results.points.map { $0.scalar("norm") }),
          Series(label: "values", x: values.indices.map(Double.init), y: values),
        ],
        caption: "The norm grows with d.")
    ]
  }
}

/// Issue 21, item 5: a name a result does not have stops a claim or a figure with one line, naming the name, the
/// experiment and the names that exist; a name the file has but a point did not record stays NaN.
@Suite struct UnknownNamesTests {
  static func results() -> Results {
    Results(
      path: "synthetic.h5", attributes: ["experiment": .string("toy")],
      points: [1.0, 2].enumerated().map { k, x in
        PointResult(
          index: k, values: [("x", .real(x)), ("seed", .int(0))], scalars: k == 0 ? ["y": x] : ["y": x, "z": 1],
          arrays: ["a": NDArray([x])], notes: [:])
      })
  }

  @Test func eachAccessorNotesAnUnknownName() throws {
    let cases: [(String, @Sendable (Results) -> Void)] = [
      ("scalar 'w'", { _ = $0.points[0].scalar("w") }),
      ("array 'b'", { _ = $0.points[0].array("b") }),
      ("parameter 'n'", { _ = $0.points[0].real("n") }),
      ("parameter 'n'", { _ = $0.grouped(by: ["n"]) }),
      ("parameter 'n'", { _ = $0.distinctValues(of: "n") }),
      ("parameter 'n'", { _ = $0.points(where: ["n": .int(1)]) }),
    ]
    for (unknown, read) in cases {
      let r = Self.results().readingAfresh()
      read(r)
      #expect(r.names.unknownReads == [unknown])
      #expect(throws: ReproError.self) { try r.requireKnownNames(readBy: "a figure") }
      do { try r.requireKnownNames(readBy: "a figure") } catch {
        #expect(error.description.hasPrefix("a figure reads \(unknown), which synthetic.h5 (toy) does not have"))
        #expect(error.description.contains("its parameters: seed, x; scalars: y, z; arrays: a"))
        #expect(!error.description.contains("\n"))
      }
    }
    // Known names, including z, which point 0 did not record: NaN there, and no error.
    let r = Self.results().readingAfresh()
    #expect(r.points[0].scalar("z").isNaN && r.points[1].scalar("z") == 1)
    _ = (r.grouped(by: ["x"]), r.points[1].array("a"), r.points[0].real("seed"))
    try r.requireKnownNames(readBy: "a figure")
    // restricted keeps the record: a claim that narrows the points is still checked.
    let narrowed = r.restricted { $0.index == 1 }
    _ = narrowed.points[0].scalar("w")
    #expect(r.names.unknownReads == ["scalar 'w'"])
  }

  @Test func aClaimReadingAnUnknownNameStopsCheckAndStoresNothing() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("repro-names-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let ws = Workspace(results: dir, figures: dir + "/figures")
    let configuration = try Configuration(experiment: MisspeltToy.self, preset: .paper)
    // `run` judges the claims: the misspelt scalar stops it with one line (the result is written, its claims not).
    do {
      try ws.run(MisspeltToy.self, configuration, runner: Runner(quiet: true))
      Issue.record("a claim reading a misspelt scalar passed as a verdict")
    } catch let error as ReproError {
      #expect(
        error.description.hasPrefix(
          "the claim 'misspelt scalar' reads scalar 'nrom', which \(ws.resultPath(MisspeltToy.id)) (toy2000-misspelt) does not have; its parameters: d, seed; scalars: norm, sometimes; arrays: values"
        ), "\(error.description)")
      #expect(error.exitCode == 1)
    }
    #expect(ClaimStore.read(ws.resultPath(MisspeltToy.id)) == nil)
    // The figure's misspelt array stops the plot, and no figure folder appears.
    do {
      try ws.plot(MisspeltToy.self, renderer: Gnuplot.renderer)
      Issue.record("a figure reading a misspelt array was drawn")
    } catch let error as ReproError {
      #expect(error.description.hasPrefix("toy2000-misspelt's figures reads array 'valeus', which"), "\(error)")
    }
    #expect(!FileManager.default.fileExists(atPath: ws.figureDirectory(MisspeltToy.id)))
  }

  @Test func aStreamKeyByAnUndeclaredNameStops() async {
    let p = Point(index: 0, values: [("d", .int(3)), ("s", .real(1)), ("seed", .int(0))])
    #expect(p.undeclared(["d", "sd", "seed"]) == ["sd"])
    #expect(p.streamKey(only: ["d", "seed"]) == "d=3|seed=0")
    #expect(p.streamKey(experiment: "x", excluding: ["s"]) == "x|d=3|seed=0")
    await #expect(processExitsWith: .failure) {
      _ = Point(index: 0, values: [("d", .int(3)), ("seed", .int(0))]).streamKey(only: ["d", "sed"])
    }
    await #expect(processExitsWith: .failure) {
      _ = Point(index: 0, values: [("d", .int(3)), ("s", .real(1))]).streamKey(experiment: "x", excluding: ["S"])
    }
  }
}
