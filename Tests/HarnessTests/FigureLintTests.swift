import Experiments
import Foundation
import Testing

@testable import Harness

/// Issue 14, item 10: every module's figures carry a caption and no literal underscore, and their names are
/// files. Drawn from the paper results in `results/` where there are some (the files are not in git), else
/// from a quick run made here, so the check never passes for want of results.
@Suite struct FigureLintTests {
  static let results = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("results").path

  static func results(of experiment: any Experiment.Type, scratch: String) throws -> Results {
    let paper = "\(results)/\(experiment.id).h5"
    if let r = try? Results.read(paper) { return r }
    let space = Workspace(results: scratch)
    let c = try Configuration(experiment: experiment, preset: .quick)
    return try Results.read(try space.run(experiment, c, runner: Runner(jobs: 2, quiet: true)))
  }

  @Test func everyFigureHasACaptionAndNoLiteralUnderscore() throws {
    let scratch = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    for experiment in allExperiments {
      let figures = try experiment.figures(try Self.results(of: experiment, scratch: scratch))
      #expect(!figures.isEmpty, "\(experiment.id) draws no figure")
      #expect(Set(figures.map(\.name)).count == figures.count, "\(experiment.id): two figures share a name")
      for figure in figures {
        #expect(figure.problems.isEmpty, "\(experiment.id): \(figure.problems.joined(separator: "; "))")
        #expect(!figure.name.contains("/") && !figure.name.isEmpty)
        // A legend inside the frame is kept to a few short entries, where it can sit clear of the data.
        let labels = ((figure.series + figure.references).map(\.label) + figure.marks.map(\.label)).filter {
          !$0.isEmpty
        }
        #expect(
          figure.legend.clearOfData || (labels.count <= 3 && labels.allSatisfy { $0.count <= 50 }),
          "\(experiment.id)/\(figure.name): a legend inside the frame with \(labels.count) entries")
      }
    }
  }
}
