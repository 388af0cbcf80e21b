import Foundation
import Testing

/// The gallery figures/README.md as commands leave it.
@Suite struct GalleryCLITests {
  /// Issue 21, item 21: a `check` that fails on an unreadable result leaves the disk as it was: the gallery
  /// keeps its bytes.
  @Test func failingCheckLeavesTheGalleryAlone() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir + "/figures", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: dir + "/results", withIntermediateDirectories: true)
    let gallery = dir + "/figures/README.md"
    let before = Data("# Figures\n\nthe gallery as it was\n".utf8)
    try before.write(to: URL(fileURLWithPath: gallery))
    try "not hdf5".write(toFile: dir + "/results/vardi2022-flip-vs-dim.h5", atomically: true, encoding: .utf8)
    let r = try CLITests.repro(["check", "vardi2022-flip-vs-dim"], in: dir)
    #expect(r.status == 2, "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: gallery)) == before, "the failed check rewrote the gallery")
  }

  /// Issue 21, item 20: `make all` runs each experiment with `--if-stale --controls`, so the gallery of a fresh
  /// clone shows the controls' outcomes as the committed one does, not "control not run". Here at the quick
  /// preset: a result written without its controls, then the make rule's command on the up-to-date result.
  @Test func runWithControlsStoresTheirOutcomesForTheGallery() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let id = "vardi2022-flip-vs-dim"
    let gallery = dir + "/results/quick/figures/README.md"
    let first = try CLITests.repro(["run", id, "--preset", "quick", "--jobs", "1", "--quiet"], in: dir)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(try CLITests.repro(["plot", id, "--preset", "quick"], in: dir).status == 0)
    #expect(try String(contentsOfFile: gallery, encoding: .utf8).contains("control not run"))
    let again = try CLITests.repro(
      ["run", id, "--preset", "quick", "--jobs", "1", "--quiet", "--if-stale", "--controls"], in: dir)
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("up to date"), "\(again.stdout)")
    #expect(try CLITests.repro(["plot", id, "--preset", "quick"], in: dir).status == 0)
    let text = try String(contentsOfFile: gallery, encoding: .utf8)
    #expect(!text.contains("control not run"))
    #expect(text.contains("control fails ✓"))
    // Nothing changed since: the result file is left untouched (so make does not redraw its figures).
    let path = dir + "/results/quick/\(id).h5"
    let stamp = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    let third = try CLITests.repro(
      ["run", id, "--preset", "quick", "--jobs", "1", "--quiet", "--if-stale", "--controls"], in: dir)
    #expect(third.status == 0 && third.stdout.contains("nothing to run"), "\(third.stdout)\(third.stderr)")
    #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == stamp)
  }

  /// The rule `make all` uses for each result runs its stale controls.
  @Test func makeAllRunsTheControls() throws {
    let text = try Self.makePlan("results/vardi2022-flip-vs-dim.h5")
    let line = text.split(separator: "\n").first { $0.contains("run vardi2022-flip-vs-dim --preset paper") }
    #expect(line?.contains("--if-stale") == true && line?.contains("--controls") == true, "\(text)")
  }

  /// Issue 23: `make all` draws each experiment's figures with `--no-gallery`, which leaves the gallery alone, and
  /// writes the gallery once at the end with `--gallery-only`, which draws no figure; both quick-preset here.
  @Test func galleryOnceNotPerExperiment() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let id = "vardi2022-flip-vs-dim"
    let figures = dir + "/results/quick/figures"
    let gallery = figures + "/README.md"
    let run = try CLITests.repro(["run", id, "--preset", "quick", "--jobs", "1", "--quiet"], in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    let drawn = try CLITests.repro(["plot", id, "--preset", "quick", "--no-gallery"], in: dir)
    #expect(drawn.status == 0, "\(drawn.stderr)")
    #expect(!FileManager.default.fileExists(atPath: gallery), "--no-gallery wrote the gallery")
    let pngs = try FileManager.default.contentsOfDirectory(atPath: figures + "/" + id).filter { $0.hasSuffix(".png") }
    #expect(!pngs.isEmpty)
    // The figures are left as they are (same modification time) and the gallery lists them.
    let png = figures + "/\(id)/\(pngs[0])"
    let stamp = try FileManager.default.attributesOfItem(atPath: png)[.modificationDate] as? Date
    let only = try CLITests.repro(["plot", "--preset", "quick", "--gallery-only"], in: dir)
    #expect(only.status == 0, "\(only.stderr)")
    #expect(try FileManager.default.attributesOfItem(atPath: png)[.modificationDate] as? Date == stamp)
    #expect(try String(contentsOfFile: gallery, encoding: .utf8).contains("\(id)/\(pngs[0])"))
    #expect(try CLITests.repro(["plot", id, "--gallery-only"], in: dir).status != 0)
    #expect(try CLITests.repro(["plot", "--gallery-only", "--no-gallery"], in: dir).status != 0)
  }

  /// `make all`'s plan: every figure folder drawn without the gallery, then the gallery once.
  @Test func makeAllWritesTheGalleryOnceAtTheEnd() throws {
    let text = try Self.makePlan("figures/.gallery")
    let plots = text.split(separator: "\n").filter { $0.contains(" plot ") }
    #expect(plots.filter { $0.contains("--gallery-only") }.count == 1, "\(text)")
    #expect(plots.last?.contains("--gallery-only") == true, "\(text)")
    #expect(plots.dropLast().allSatisfy { $0.contains("--no-gallery") }, "\(text)")
  }

  /// What `make -n TARGET` would run in the repository (the commands, not run).
  static func makePlan(_ target: String) throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["make", "-n", "-C", root, target]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = Pipe()
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    return text
  }
}
