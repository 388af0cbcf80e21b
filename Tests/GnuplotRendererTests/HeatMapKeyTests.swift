import Figures
import Testing

@testable import GnuplotRenderer

/// Issue 28: a heat map's legend below the frame is one entry a line from the figure's left edge, under the x label,
/// the bottom margin holding it; other legends are unchanged.
@Suite struct HeatMapKeyTests {
  @Test func aHeatMapsKeyBelowIsOneEntryALineAtTheLeftEdge() {
    var f = HeatMapOutlineTests.figure()
    f.references = [Series(label: "theory", x: [1, 10], y: [1, 10], style: .dashed)]
    f.series = [Series(label: "", x: [1], y: [1], style: .points)]
    // Three labelled entries (two outlines, one reference; the unlabelled series has none): the key's top at 4
    // characters from the bottom, the margin 7.5 characters.
    #expect(Gnuplot.keyLabels(f) == ["prediction holds | fails", "premise, theory", "theory"])
    let script = Gnuplot.script(for: f)
    #expect(
      script.contains(
        "\nset key at character 1, character 4 left top vertical Left reverse maxcols 1 samplen 3 noopaque nobox\nset bmargin 7.5\n"
      ))
    #expect(!script.contains("set key below"))
  }

  @Test func otherLegendsAreGnuplotsOwn() {
    var f = HeatMapOutlineTests.figure()
    f.legend = "top left"
    #expect(Gnuplot.heatMapKey(f) == nil && Gnuplot.script(for: f).contains("\nset key top left opaque box"))
    var plain = HeatMapOutlineTests.figure()
    plain.heatMap = nil
    #expect(Gnuplot.heatMapKey(plain) == nil)
    #expect(Gnuplot.script(for: plain).contains("\nset key below center horizontal Left reverse\n"))
  }
}
