import Experiments
import Foundation
import Testing

@testable import Harness

/// Issue 14, item 10: every module's figures, drawn from the results in `results/` (where there are
/// some: the files are not in git), carry a caption and no literal underscore, and their names are files.
@Suite struct FigureLintTests {
  static let results = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("results").path

  static var available: [any Experiment.Type] {
    allExperiments.filter { FileManager.default.fileExists(atPath: "\(results)/\($0.id).h5") }
  }

  @Test(.enabled(if: !available.isEmpty)) func everyFigureHasACaptionAndNoLiteralUnderscore() throws {
    for experiment in Self.available {
      let figures = try experiment.figures(try Results.read("\(Self.results)/\(experiment.id).h5"))
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
