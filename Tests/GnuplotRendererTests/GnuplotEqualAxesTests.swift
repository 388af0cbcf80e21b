import Figures
import Foundation
import Testing

@testable import GnuplotRenderer

/// `Figure.equalAxes`: one unit is as long on x as on y, so a disc drawn on a heat map stays round.
@Suite struct GnuplotEqualAxesTests {
  static func disc(equal: Bool) -> Figure {
    let c = (0..<11).map { -1 + 0.2 * Double($0) }
    let z = c.map { b in c.map { a in a * a + b * b <= 1 ? a - b : .nan } }
    var figure = Figure(
      name: "disc", title: "a slice over the unit disc", xLabel: "u", yLabel: "v",
      series: [Series(label: "path", x: [0, 0.5, 0.7], y: [0, 0.2, 0.7], style: .lines)],
      references: [
        Series(
          label: "circle", x: (0...32).map { cos(Double($0) * .pi / 16) },
          y: (0...32).map { sin(Double($0) * .pi / 16) },
          style: .dashed)
      ],
      heatMap: HeatMap(x: c, y: c, z: z, label: "value"), xRange: -1.05...1.05, yRange: -1.05...1.05)
    figure.equalAxes = equal
    return figure
  }

  @Test func equalAxesSetsTheSizeRatio() {
    #expect(Gnuplot.script(for: Self.disc(equal: true)).contains("\nset size ratio -1\n"))
    #expect(!Gnuplot.script(for: Self.disc(equal: false)).contains("set size ratio"))
    #expect(Figure(name: "f", title: "t", xLabel: "x", yLabel: "y", series: []).equalAxes == false)
  }

  @Test(.enabled(if: Gnuplot.executable() != nil)) func equalAxesRenders() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("equal-axes-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let result = try Gnuplot.render(Self.disc(equal: true), into: dir, executable: Gnuplot.executable()!)
    #expect(result.stderr.isEmpty, "gnuplot said: \(result.stderr)")
    #expect(result.paths.count == 3)
  }
}
