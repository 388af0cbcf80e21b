import Figures
import Foundation
import GnuplotRenderer
import HDF5
import Numerics
import Testing

@testable import Experiments
@testable import Harness

@Suite struct RunnerTests {
  static func temporaryDirectory() -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("repro-tests-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  @Test func parallelRunIsByteIdenticalToOneJob() throws {
    let c = try Configuration(experiment: ToyExperiment.self, preset: .paper, overrides: ["d=3,5,7,9", "seeds=4"])
    let one = try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c)
    let two = try Runner(jobs: 2, quiet: true).run(ToyExperiment.self, c)
    let many = try Runner(jobs: 7, quiet: true).run(ToyExperiment.self, c)
    #expect(one.count == 32)
    for (a, b) in Array(zip(one, two)) + Array(zip(one, many)) {
      #expect(a.arrays.map { $0.value } == b.arrays.map { $0.value })
      // Compare bit patterns: byte-identical, not merely equal.
      #expect(a.scalars.map { $0.value.bitPattern } == b.scalars.map { $0.value.bitPattern })
    }
    // Different points, different streams.
    #expect(one[0].arrays[0].value != one[1].arrays[0].value)
  }

  @Test func resultFileCarriesProvenanceAndReadsBack() throws {
    let dir = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let workspace = Workspace(results: dir, figures: dir + "/figures")
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,4", "seeds=2"])
    let path = try workspace.run(ToyExperiment.self, c, runner: Runner(jobs: 2, quiet: true))
    #expect(path == dir + "/toy2000-noise.h5")
    let r = try Results.read(path)
    for name in [
      "experiment", "paper", "reproduces", "preset", "parameters", "git_commit", "git_dirty", "harness_version",
      "created", "wall_seconds", "schema_version",
    ] {
      #expect(r.attributes[name] != nil, "missing attribute \(name)")
    }
    #expect(r.experiment == "toy2000-noise")
    #expect(r.preset == "quick")
    #expect(r.string("parameters") == c.json)
    #expect(r.string("created").hasSuffix("Z"))
    #expect(r.points.count == 4)
    #expect(r.distinctValues(of: "d") == [.int(2), .int(4)])
    #expect(r.points[0].value("loss") == .text("exponential"))
    #expect(r.points[3].value("seed") == .int(1))
    #expect(r.points[2].array("noise").count == 4)
    #expect(r.points[2].arrays["square"]?.shape == [2, 2])
    #expect(r.points[1].notes["kind"] == "gaussian")
    // The stored numbers are the ones the run computed.
    let records = try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c)
    for (p, rec) in zip(r.points, records) {
      #expect(p.array("noise") == rec.arrays.first { $0.name == "noise" }!.value.values)
      #expect(p.scalar("norm") == rec["norm"])
    }
    // No temporary file left beside it (the point store keeps the finished points, `.locks` the writers' locks).
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == [".locks", ".store", "toy2000-noise.h5"])
  }

  @Test func aFailingPointNamesItselfAndWritesNothing() throws {
    enum Failing: Experiment {
      static let id = "toy2000-failing"
      static let paper = "toy2000"
      static let reproduces = ""
      static let summary = ""
      static let parameters: [Parameter] = [.int("k", "k", paper: [1, 2, 3], quick: [1], in: 1...9)]
      struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }
      static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
        if p.int("k") == 2 { throw Boom() }
        return Record()
      }
      static func figures(_ results: Results) throws -> [Figure] { [] }
      static let claims: [Claim] = []
    }
    let dir = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try Configuration(experiment: Failing.self, preset: .paper)
    do {
      try Workspace(results: dir).run(Failing.self, c, runner: Runner(jobs: 2, quiet: true))
      Issue.record("the run did not fail")
    } catch let e as ReproError {
      #expect(e.description.contains("k=2"))
      #expect(e.description.contains("boom"))
    }
    // No result and no temporary file; the points that finished are in the store, for the next run to reuse.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [".store"])
  }

  /// A module's `rng` is paired across the parameters it names: the same numbers at every value of them.
  enum Paired: Experiment {
    static let id = "toy2000-paired"
    static let paper = "toy2000"
    static let reproduces = ""
    static let summary = ""
    static let parameters: [Parameter] = [
      .int("k", "k", paper: [1, 2], quick: [1], in: 1...9), .int("j", "j", paper: [1, 2], quick: [1], in: 1...9),
    ]
    static let pairedAcross = ["k"]
    static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
      var r = Record()
      r.set("draw", rng.uniform(), "the first draw of the point's stream")
      return r
    }
    static func figures(_ results: Results) throws -> [Figure] { [] }
    static let claims: [Claim] = []
  }

  @Test func theStreamIsPairedAcrossTheDeclaredParametersOnly() throws {
    let c = try Configuration(experiment: Paired.self, preset: .paper)
    let records = try Runner(jobs: 1, quiet: true).run(Paired.self, c)
    var draws: [String: Double] = [:]
    for (point, record) in zip(c.points, records) {
      guard let x = record.scalars.first(where: { $0.name == "draw" })?.value else { continue }
      draws["k=\(point.int("k")) j=\(point.int("j"))"] = x
    }
    #expect(draws.count == 4)
    #expect(draws["k=1 j=1"] == draws["k=2 j=1"] && draws["k=1 j=2"] == draws["k=2 j=2"])
    #expect(draws["k=1 j=1"] != draws["k=1 j=2"])
    // The key without k, so nothing paired is exactly today's key.
    #expect(c.points[0].streamKey(experiment: Paired.id, excluding: []) == c.points[0].streamKey(experiment: Paired.id))
  }

  @Test func aMisspeltPairedParameterIsRefusedBeforeAnyWork() throws {
    enum Misspelt: Experiment {
      static let id = "toy2000-misspelt"
      static let paper = "toy2000"
      static let reproduces = ""
      static let summary = ""
      static let parameters: [Parameter] = [.int("k", "k", paper: [1, 2], quick: [1], in: 1...9)]
      static let pairedAcross = ["K"]
      static func run(_ p: Point, rng: inout RandomSource) throws -> Record { Record() }
      static func figures(_ results: Results) throws -> [Figure] { [] }
      static let claims: [Claim] = []
    }
    do {
      _ = try Runner(jobs: 1, quiet: true).run(
        Misspelt.self, try Configuration(experiment: Misspelt.self, preset: .paper))
      Issue.record("ran with a misspelt paired parameter")
    } catch let e as ReproError {
      #expect(e.description.contains("'K'"))
    }
  }

  /// Every module's `pairedAcross` names its own parameters (a misspelt one would silently break the pairing),
  /// in both presets.
  @Test func everyModulePairsItsStreamAcrossItsOwnParameters() throws {
    for e in allExperiments {
      for preset in Preset.allCases {
        let point = try #require(try Configuration(experiment: e, preset: preset).points.first)
        #expect(point.undeclared(e.pairedAcross).isEmpty, "\(e.id): \(point.undeclared(e.pairedAcross))")
      }
    }
  }

  @Test func missingOrForeignResultsAreOneLineErrors() throws {
    let dir = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    do {
      _ = try Results.read(dir + "/nothing.h5")
      Issue.record("read a missing file")
    } catch {
      #expect(error.description.contains("repro run nothing"))
      #expect(error.exitCode == 2)
    }
    let text = dir + "/text.h5"
    try "not hdf5".write(toFile: text, atomically: true, encoding: .utf8)
    do {
      _ = try Results.read(text)
      Issue.record("read a text file")
    } catch {
      #expect(error.description.contains(text))
      #expect(!error.description.contains("\n"))
    }
    let foreign = dir + "/foreign.h5"
    let f = try H5File.create(atomicallyAt: foreign)
    try f.root.write("x", NDArray([1.0]))
    try f.commit()
    do {
      _ = try Results.read(foreign)
      Issue.record("read a foreign file")
    } catch {
      #expect(error.description.contains("not a repro result file"))
    }
  }

  @Test func plotDrawsFiguresAndTheGallery() throws {
    let dir = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let workspace = Workspace(results: dir, figures: dir + "/figures")
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick)
    try workspace.run(ToyExperiment.self, c, runner: Runner(jobs: 1, quiet: true))
    let files = try workspace.plot(ToyExperiment.self, renderer: Gnuplot.renderer)
    #expect(Set(files.map { ($0 as NSString).lastPathComponent }) == ["norm.gp", "norm.png", "norm.pdf"])
    try Gallery.write([ToyExperiment.self], workspace: workspace)
    let gallery = try String(contentsOfFile: dir + "/figures/README.md", encoding: .utf8)
    #expect(gallery.contains("## toy2000"))
    #expect(gallery.contains("(toy2000-noise/norm.png)"))
    #expect(gallery.contains("preset `quick`"))
    // Issue 14, item 13: a verdict line per prediction, each claim's reason, captions, the wall time with cores.
    #expect(gallery.contains("a smoke test"))
    #expect(gallery.contains("| [`toy2000-noise`](#toy2000-noise) |"))
    #expect(gallery.contains("**Verdict: ") && gallery.contains("claim 1 "))
    #expect(gallery.contains("| E‖x‖² = d·scale² |"))
    #expect(gallery.contains("The norm grows with d.  \n`toy2000-noise/norm`"))
    #expect(gallery.contains("with 1 sweep point at once on \(ProcessInfo.processInfo.activeProcessorCount) core"))
  }

  /// Drawing one experiment on a fresh clone (no other results) keeps the others' sections; rerunning with
  /// the same numbers (another wall time) leaves the gallery as it was.
  @Test func galleryKeepsWhatItCannotRedraw() throws {
    let dir = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let workspace = Workspace(results: dir, figures: dir + "/figures")
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick)
    try workspace.run(ToyExperiment.self, c, runner: Runner(jobs: 1, quiet: true))
    _ = try workspace.plot(ToyExperiment.self, renderer: Gnuplot.renderer)
    try Gallery.write([ToyExperiment.self], workspace: workspace)
    let path = dir + "/figures/README.md"
    let first = try String(contentsOfFile: path, encoding: .utf8)
    try workspace.run(ToyExperiment.self, c, runner: Runner(jobs: 1, quiet: true), fresh: true)
    try Gallery.write([ToyExperiment.self], workspace: workspace)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == first)
    try FileManager.default.removeItem(atPath: workspace.resultPath(ToyExperiment.id))
    try Gallery.write([ToyExperiment.self], workspace: workspace)
    let kept = try String(contentsOfFile: path, encoding: .utf8)
    #expect(kept.contains("### toy2000-noise") && !kept.contains("No results yet"))
    #expect(kept.contains("The norm grows with d."))
  }

  @Test func galleryVerdictsReadPlainly() {
    #expect(Gallery.numbers([1, 2, 3, 5, 7, 8]) == "1–3, 5, 7–8")
    #expect(Gallery.claims([4], "holds", "hold") == "claim 4 holds")
    #expect(Gallery.claims([1, 2], "fails", "fail") == "claims 1–2 fail")
  }
}
