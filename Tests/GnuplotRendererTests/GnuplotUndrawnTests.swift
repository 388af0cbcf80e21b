import Figures
import Foundation
import Testing

@testable import GnuplotRenderer

/// Issue 21, item 9: a figure says on its face what it could not draw (not in a `#` comment of its script),
/// a constant series gets a range, and a figure with nothing drawable is still drawn, saying why.
@Suite struct GnuplotUndrawnTests {
  static func draw(_ figure: Figure) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("undrawn-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let files = try Gnuplot.render(figure, into: dir)
    #expect(files.count == 3)
    for file in files { #expect((try? Data(contentsOf: URL(fileURLWithPath: file)))?.isEmpty == false) }
    return try String(contentsOfFile: dir + "/\(figure.name).gp", encoding: .utf8)
  }

  /// The `set title` line, its line breaks as spaces: what the reader sees above the frame.
  static func title(_ script: String) -> String {
    (script.split(separator: "\n").first { $0.hasPrefix("set title ") }.map(String.init) ?? "")
      .replacingOccurrences(of: "\\n", with: " ")
  }

  @Test func droppedPointsAreNamedUnderTheTitle() throws {
    let figure = Figure(
      name: "gaps", title: "radius", xLabel: "d", yLabel: "r", logY: true,
      series: [
        Series(label: "median", x: [1, 2, 3, 4, 5], y: [1, .nan, 3, .nan, -1]),
        Series(label: "all NaN", x: [1, 2, 3], y: [.nan, .nan, .nan]),
        Series(label: "fine", x: [1, 2], y: [2, 3]),
      ])
    let title = Self.title(try Self.draw(figure))
    #expect(title.contains("Not drawn: 'median', 3 of 5 points (2 NaN in y, 1 y ≤ 0 on the log axis)"), "\(title)")
    #expect(title.contains("'all NaN', all 3 points (NaN in y)"), "\(title)")
    #expect(!title.contains("'fine'"))
    #expect(figure.notDrawn.count == 2)
    // The gallery states it after the caption (Gallery.figureList uses the same note).
    #expect(figure.undrawnNote?.hasPrefix("Not drawn: ") == true)
  }

  @Test func infiniteValuesAndMarksAreNamed() throws {
    let figure = Figure(
      name: "inf", title: "t", xLabel: "x", yLabel: "y",
      series: [Series(label: "loss", x: [1, 2, 3], y: [1, .infinity, 2])], marks: [.x(.nan, "fit step")])
    let title = Self.title(try Self.draw(figure))
    #expect(title.contains("'loss', 1 of 3 points (+∞ in y)"), "\(title)")
    #expect(title.contains("mark 'fit step' at NaN in x"), "\(title)")
  }

  @Test func everythingDrawnSaysNothing() throws {
    let figure = Figure(
      name: "ok", title: "t", xLabel: "x", yLabel: "y", series: [Series(label: "s", x: [1, 2], y: [3, 4])])
    #expect(!Self.title(try Self.draw(figure)).contains("Not drawn"))
    #expect(figure.notDrawn.isEmpty)
  }

  /// A figure with nothing drawable still draws its frame, with the reason; an axis with nothing to fit is not
  /// given a made-up range silently.
  @Test func nothingDrawableIsDrawnWithTheReason() throws {
    let figure = Figure(
      name: "empty", title: "t", xLabel: "x", yLabel: "y", logY: true,
      series: [Series(label: "gone", x: [1, 2], y: [.nan, 0])])
    let script = try Self.draw(figure)
    #expect(Self.title(script).contains("'gone', all 2 points (1 NaN in y, 1 y ≤ 0 on the log axis)"))
    #expect(script.contains("set label 1 \"nothing to draw\" at graph 0.5, 0.5 center"))
    #expect(fittedRange([.nan, -1], log: true, pad: true) == nil)
    #expect(fittedRange([], log: false, pad: true) == nil)
  }

  /// Constant series, exactly or to the 6 digits the script writes, and a module's degenerate range.
  @Test(arguments: [[5.0, 5, 5], [1.0000001, 1.0000002, 1.00000015], [0.0, 0, 0], [-3e-200, -3e-200, -3e-200]])
  func constantSeriesGetARange(_ y: [Double]) throws {
    for log in [false, true] where !log || y[0] > 0 {
      let figure = Figure(
        name: "flat", title: "t", xLabel: "x", yLabel: "y", logY: log,
        series: [Series(label: "s", x: [1, 2, 3], y: y)])
      let script = try Self.draw(figure)
      let range = script.split(separator: "\n").first { $0.hasPrefix("set yrange [") }.map(String.init) ?? ""
      let ends = range.dropFirst("set yrange [".count).dropLast().split(separator: ":").compactMap { Double($0) }
      #expect(ends.count == 2 && ends[0] < ends[1] && ends[0] <= y.min()! && ends[1] >= y.max()!, "\(range)")
    }
    var given = Figure(
      name: "given", title: "t", xLabel: "x", yLabel: "y", series: [Series(label: "s", x: [1, 2], y: [2, 2])])
    given.yRange = 2...2
    _ = try Self.draw(given)
  }
}
