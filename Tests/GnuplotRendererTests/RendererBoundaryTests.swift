import Foundation
import Testing

/// Issue 22: a module declares figures, only the renderer writes gnuplot. Neither the harness nor an experiment
/// module depends on `GnuplotRenderer` (the binary hands `Gnuplot.renderer` to `Workspace.plot`), and none imports
/// it: SwiftPM would let a target import a module built earlier even undeclared, and its
/// `--explicit-target-dependency-import-check` does not catch this one, so the sources are read here.
@Suite struct RendererBoundaryTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Every Swift file under `folder`, relative to the root.
  static func swiftFiles(under folder: String) -> [String] {
    let base = root.appendingPathComponent(folder)
    let walk = FileManager.default.enumerator(atPath: base.path)
    return (walk?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }.map { "\(folder)/\($0)" }
  }

  @Test func onlyTheBinaryImportsTheRenderer() throws {
    let files = ["experiments", "Sources/Figures", "Sources/Harness"].flatMap(Self.swiftFiles)
    #expect(files.count > 30, "the sources were not found under \(Self.root.path)")
    for file in files {
      let text = try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)
      let imports = text.split(separator: "\n").filter {
        $0.trimmingCharacters(in: .whitespaces).hasSuffix("import GnuplotRenderer")
      }
      #expect(imports.isEmpty, "\(file) imports the gnuplot renderer: declare figures with `import Figures`")
    }
  }

  @Test func onlyTheBinaryDependsOnTheRenderer() throws {
    let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
    let targets = [
      "Figures", "Harness", "SharedExperiments", "Vardi2022Experiments", "Deng2020Experiments", "Frei2023Experiments",
      "Gao2019Experiments", "Experiments",
    ]
    for target in targets {
      // The target's declaration: from its name up to the next target's (or the end of the list).
      let start = try #require(manifest.range(of: "name: \"\(target)\""), "\(target) not in Package.swift")
      let rest = manifest[start.upperBound...]
      let next = [".target(", ".executableTarget(", ".testTarget(", ".plugin(", ".systemLibrary("].compactMap {
        rest.range(of: $0)?.lowerBound
      }.min()
      let declaration = rest[..<(next ?? rest.endIndex)].split(separator: "\n")
        .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
      #expect(!declaration.contains("GnuplotRenderer"), "\(target) depends on the gnuplot renderer")
    }
  }
}
