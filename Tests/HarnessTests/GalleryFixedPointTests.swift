import Experiments
import Foundation
import Testing

@testable import Harness

/// Issue 21, item 21: the gallery is a fixed point of its own regeneration. Redrawing it from the same results
/// (here: none, so every section is kept from the page as it was) gives the same bytes, not one more blank line
/// per paper each time.
@Suite struct GalleryFixedPointTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  @Test func regeneratingTheCommittedGalleryGivesTheSameBytes() throws {
    let committed = try String(contentsOfFile: Self.root + "/figures/README.md", encoding: .utf8)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gallery-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let space = Workspace(results: dir + "/results", figures: dir + "/figures")
    try FileManager.default.createDirectory(atPath: space.figures, withIntermediateDirectories: true)
    let path = space.figures + "/README.md"
    try committed.write(toFile: path, atomically: true, encoding: .utf8)
    try Gallery.write(allExperiments, workspace: space)
    let once = try Data(contentsOf: URL(fileURLWithPath: path))
    try Gallery.write(allExperiments, workspace: space)
    let twice = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(once == twice, "a second regeneration changed the gallery")
    // The header names the results directory: here a scratch one, without results (every section is kept).
    let regenerated = String(decoding: once, as: UTF8.self).replacingOccurrences(
      of: "`\(space.results)/`", with: "`results/`")
    let (a, b) = (committed.components(separatedBy: "\n"), regenerated.components(separatedBy: "\n"))
    let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
    #expect(
      regenerated == committed,
      "regenerating the committed gallery changed it: \(a.count) → \(b.count) lines, first difference at line \((first?.offset ?? min(a.count, b.count)) + 1): \(first.map { "'\($0.element.0)' → '\($0.element.1)'" } ?? "")"
    )
    #expect(!String(decoding: twice, as: UTF8.self).contains("\n\n\n\n"))
  }
}
