import Figures
import Foundation
import Testing

@testable import GnuplotRenderer

/// Issue 14, items 10 and 12: legends clear of data, text markup and escaping, ranges fitted to the data,
/// ticks that do not collide, marks and reference colours, captions, grids of panels, disks without a
/// staircase, and a PDF whose date the script itself pins.
@Suite struct GnuplotFigureTests {
  static let hasGnuplot = Gnuplot.executable() != nil

  static func temporaryDirectory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("gnuplot-figure-\(UUID().uuidString)").path
  }

  static func figure(name: String = "fig", legend: Legend = "top left") -> Figure {
    let s: [Double] = [0.25, 0.5, 1, 2, 4, 8, 16]
    return Figure(
      name: name, title: "L_{A} against s", xLabel: "input scale s", yLabel: "iterations", logX: true, logY: true,
      series: [
        Series(
          label: "median", x: s, y: [65, 66, 70, 86, 140, 190, 310], low: s.map { _ in 60 },
          high: s.map { 1.2 * $0 * 10 + 300 }),
        Series(label: "second", x: s, y: [70, 72, 75, 90, 150, 200, 320], style: .points),
      ],
      references: [.reference("claim: 2 × the first", over: 0.25...16, log: true, color: 0) { _ in 130 }],
      legend: legend, marks: [.x(3, "fit step", color: 1), .y(100, "threshold 100")],
      caption: "The median rises after s = 2.")
  }

  static func lines(_ script: String, _ prefix: String) -> [String] {
    script.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
  }

  @Test func legendPlacementsAreHonoured() {
    #expect(
      Gnuplot.script(for: Self.figure(legend: .outsideRight)).contains("\nset key outside right top vertical box"))
    #expect(Gnuplot.script(for: Self.figure(legend: "outside right")).contains("\nset key outside right top vertical"))
    #expect(
      Gnuplot.script(for: Self.figure(legend: .below)).contains("\nset key below center horizontal Left reverse\n"))
    #expect(Gnuplot.script(for: Self.figure(legend: "below")).contains("\nset key below"))
    #expect(Gnuplot.script(for: Self.figure(legend: .off)).contains("\nunset key\n"))
    #expect(Gnuplot.script(for: Self.figure(legend: "bottom right")).contains("\nset key bottom right opaque box"))
  }

  @Test func markupIsEnhancedAndEverythingElseLiteral() {
    #expect(Gnuplot.enhanced("L_{A} and v_{j}^{2}") == "L_{A} and v_{j}^{2}")
    #expect(Gnuplot.enhanced("a_b c^d {w} @x &y ~z") == #"a\_b c\^d \{w\} \@x \&y \~z"#)
    #expect(Gnuplot.enhanced("max_{j |w_{j}|}") == "max_{j |w_{j}|}")
    #expect(Gnuplot.enhanced("open_{x") == "open_{x}")
    #expect(Gnuplot.text("plain d_in") == "\"plain d_in\" noenhanced")
    #expect(Gnuplot.text("L_{A} of a_b") == #""L_{A} of a\\_b""#)
    let script = Gnuplot.script(for: Self.figure())
    #expect(script.contains("set title \"L_{A} against s\"\n"))
    #expect(script.contains("set xlabel \"input scale s\" noenhanced"))
  }

  @Test func captionIsKeptAndCommented() {
    let figure = Self.figure()
    #expect(figure.caption == "The median rises after s = 2.")
    #expect(Gnuplot.script(for: figure).contains("\n# The median rises after s = 2.\n"))
  }

  @Test func rangesFitTheDataWithAMargin() {
    let script = Gnuplot.script(for: Self.figure())
    // s from 0.25 to 16: not gnuplot's whole decades 0.1 to 100.
    let x = Self.lines(script, "set xrange [")
    #expect(x.count == 1)
    let xs = x[0].dropFirst("set xrange [".count).dropLast().split(separator: ":").compactMap { Double($0) }
    #expect(xs.count == 2 && xs[0] < 0.25 && xs[0] > 0.2 && xs[1] > 16 && xs[1] < 20)
  }

  @Test func logTicksDoNotCollide() {
    // 60 to 1000: every digit would give "70 80 90100"; 1-2-3-5 keeps them apart.
    let ticks = Gnuplot.logTicks(low: 60, high: 1000, horizontal: false, length: 1)!
    #expect(!ticks.contains(90) && ticks.contains(100) && ticks.contains(300))
    // A narrow axis still gets every digit.
    #expect(Gnuplot.logTicks(low: 2, high: 8, horizontal: false, length: 1)!.contains(7))
    // Wider labels on x need more room: 1-2-5, or fewer.
    let x = Gnuplot.logTicks(low: 10, high: 90, horizontal: true, length: 0.6)!
    #expect(!x.contains(30) || !x.contains(40))
    #expect(Gnuplot.logTicks(low: 1, high: 1.05, horizontal: true, length: 1) == nil)
  }

  @Test func marksSpanTheFrameAndReferencesTakeTheirSeriesColour() {
    let script = Gnuplot.script(for: Self.figure())
    // The reference that belongs to series 0 is drawn in its colour, the marks dotted with key entries.
    #expect(
      script.contains("$reference0 using 1:2 with lines lc rgb \"#0072B2\" dt 2 lw 2 title \"claim: 2 × the first\""))
    #expect(script.contains("$reference1 using 1:2 with lines lc rgb \"#D55E00\" dt 3 lw 1.5 title \"fit step\""))
    #expect(script.contains("$reference2 using 1:2 with lines lc rgb \"#000000\" dt 3 lw 1.5 title \"threshold 100\""))
    #expect(script.contains("# mark: fit step\n3 "))
  }

  @Test func seriesTakeTheirOwnColourAndMarkerWhenGiven() {
    let s = Series(label: "a", x: [1], y: [1], style: .points, color: 2, marker: 4)
    let element = Gnuplot.seriesElements(s, block: "$b", index: 0, halo: false)[0]
    #expect(element.contains("lc rgb \"#009E73\"") && element.contains("pt 11"))
  }

  @Test func creationDateIsPinnedWhateverTheTimeZoneAndOffsetsFollow() throws {
    // Object 1 holds the date; object 2 and the table come after it and move with it.
    let head = "%PDF-1.5\n"
    let one = "1 0 obj\n<< /CreationDate (D:20261122123941+05'30) /Producer (cairo) >>\nendobj\n"
    let two = "2 0 obj\n<< /Type /Catalog >>\nendobj\n"
    func table(_ offsets: [Int], _ start: Int) -> String {
      "xref\n0 3\n0000000000 65535 f \n" + offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        + "trailer\n<< /Size 3 /Info 1 0 R >>\nstartxref\n\(start)\n%%EOF\n"
    }
    let o1 = head.utf8.count
    let o2 = o1 + one.utf8.count
    let x = o2 + two.utf8.count
    var pdf = Data((head + one + two + table([o1, o2], x)).utf8)
    #expect(Gnuplot.fixCreationDate(&pdf))
    let text = String(decoding: pdf, as: UTF8.self)
    let shift = "(D:20000101000000Z)".count - "(D:20261122123941+05'30)".count
    #expect(text.contains("<< /CreationDate (D:20000101000000Z) /Producer (cairo) >>"))
    #expect(text.hasSuffix(table([o1, o2 + shift], x + shift)))
    // Where each offset points, the object it names starts.
    let bytes = [UInt8](pdf)
    #expect(String(decoding: bytes[(o2 + shift)...].prefix(7), as: UTF8.self) == "2 0 obj")
    #expect(String(decoding: bytes[(x + shift)...].prefix(4), as: UTF8.self) == "xref")
    let once = pdf
    #expect(Gnuplot.fixCreationDate(&pdf))
    #expect(pdf == once)
  }

  @Test(.enabled(if: hasGnuplot)) func theScriptAloneDrawsTheSameBytes() throws {
    let root = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let figure = Self.figure(name: "odd 'name'", legend: .below)
    let result = try Gnuplot.render(figure, into: root + "/a", executable: Gnuplot.executable()!)
    #expect(result.stderr.isEmpty, "gnuplot said: \(result.stderr)")
    Thread.sleep(forTimeInterval: 1.1)  // cairo's timestamp has a resolution of one second
    _ = try Gnuplot.render(figure, into: root + "/b", executable: Gnuplot.executable()!)
    // The .gp alone, run by hand in another time zone (cairo writes +05'30 there), with no help from the harness.
    let alone = root + "/alone"
    try FileManager.default.createDirectory(atPath: alone, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: root + "/a/odd 'name'.gp", toPath: alone + "/odd 'name'.gp")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Gnuplot.executable()!)
    process.arguments = ["odd 'name'.gp"]
    process.currentDirectoryURL = URL(fileURLWithPath: alone)
    process.environment = ProcessInfo.processInfo.environment.merging(["TZ": "Asia/Kolkata"]) { $1 }
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    for ext in ["pdf", "png", "gp"] {
      let a = try Data(contentsOf: URL(fileURLWithPath: "\(root)/a/odd 'name'.\(ext)"))
      #expect(a == (try Data(contentsOf: URL(fileURLWithPath: "\(root)/b/odd 'name'.\(ext)"))), "\(ext) redrawn")
      #expect(a == (try Data(contentsOf: URL(fileURLWithPath: "\(alone)/odd 'name'.\(ext)"))), "\(ext) by hand")
    }
    let pdf = try Data(contentsOf: URL(fileURLWithPath: "\(alone)/odd 'name'.pdf"))
    #expect(pdf.range(of: Data("/CreationDate (D:20000101000000Z)".utf8)) != nil)
  }

  /// Where there is no perl the harness pins the date itself: the same bytes as the script's own fix, here
  /// for a PDF drawn in a time zone east of UTC (a gnuplot wrapper sets it).
  @Test(.enabled(if: hasGnuplot)) func theHarnessFixMatchesTheScripts() throws {
    let root = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    let wrapper = root + "/gnuplot-kolkata"
    try "#!/bin/sh\nTZ=Asia/Kolkata exec \(Gnuplot.executable()!) \"$@\"\n".write(
      toFile: wrapper, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper)
    let figure = Self.figure(name: "zone")
    let script = Gnuplot.script(for: figure)
    let withoutPerl = script.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("system ") }.joined(separator: "\n")
    #expect(withoutPerl.count < script.count)
    _ = try Gnuplot.render(figure, into: root + "/perl", executable: wrapper)
    _ = try Gnuplot.render(figure, into: root + "/swift", executable: wrapper, script: withoutPerl)
    let a = try Data(contentsOf: URL(fileURLWithPath: root + "/perl/zone.pdf"))
    let b = try Data(contentsOf: URL(fileURLWithPath: root + "/swift/zone.pdf"))
    #expect(a == b)
    #expect(a.range(of: Data("/CreationDate (D:20000101000000Z)".utf8)) != nil)
  }

  @Test(.enabled(if: hasGnuplot)) func everyLegendPlacementRenders() throws {
    let root = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    for (k, legend) in [Legend.outsideRight, .below, .off, "bottom right"].enumerated() {
      let result = try Gnuplot.render(
        Self.figure(name: "legend\(k)", legend: legend), into: root, executable: Gnuplot.executable()!)
      #expect(result.stderr.isEmpty, "gnuplot said: \(result.stderr)")
    }
  }

  static func disk(_ scale: Double, legend: Legend = .off) -> Figure {
    let c = (0..<21).map { -1 + 0.1 * Double($0) }
    let z = c.map { b in c.map { a in scale * (a - b) } }
    var figure = Figure(
      name: "panel", title: "s = \(scale)", xLabel: "δ·u_{1}/ε", yLabel: "δ·u_{2}/ε",
      series: [Series(label: "maxima", x: [0.6], y: [0.8], style: .points)],
      references: [
        Series(
          label: "sphere", x: (0...32).map { cos(Double($0) * .pi / 16) },
          y: (0...32).map { sin(Double($0) * .pi / 16) },
          style: .dashed)
      ],
      heatMap: HeatMap(x: c, y: c, z: z, label: "ℓ, normalised", zRange: -2...2, disk: 1), legend: legend,
      xRange: -1.05...1.05, yRange: -1.05...1.05)
    figure.equalAxes = true
    return figure
  }

  @Test func aDiskIsMaskedOutsideItsCircle() {
    let script = Gnuplot.script(for: Self.disk(1, legend: "top left"))
    #expect(script.contains("$mask << EOD"))
    #expect(script.contains("$mask using 1:2 with filledcurves closed fc rgb \"white\""))
    #expect(script.range(of: "$heat using")!.lowerBound < script.range(of: "$mask using")!.lowerBound)
    #expect(script.range(of: "$mask using")!.lowerBound < script.range(of: "$series0 using")!.lowerBound)
    #expect(script.contains("set cbrange [-2:2]"))
    #expect(script.contains("set border lw 1 lc rgb \"#808080\" front"))
    let mask = Gnuplot.diskMask(radius: 1)
    #expect(mask.prefix(257).allSatisfy { abs($0.0 * $0.0 + $0.1 * $0.1 - 1) < 1e-12 })
  }

  @Test func panelsMakeOneGridWithOneLegendAndOneColourBar() {
    let grid = Figure.smallMultiples(
      name: "slices", title: "slices across s", panels: [Self.disk(1, legend: "top left"), Self.disk(2), Self.disk(3)],
      columns: 2, caption: "Two maxima.")
    let script = Gnuplot.script(for: grid)
    #expect(Self.lines(script, "set multiplot layout 2,2 title").count == 2)
    #expect(Self.lines(script, "unset multiplot").count == 2)
    #expect(!script.contains("replot"))
    // Datablocks are named per panel and written once.
    #expect(Self.lines(script, "$p0heat << EOD").count == 1 && Self.lines(script, "$p2heat << EOD").count == 1)
    // The spare fourth cell holds the first panel's legend and the one colour bar (drawn with the last map).
    #expect(Self.lines(script, "set key at screen").count == 2)
    #expect(Self.lines(script, "set colorbox horizontal user origin screen").count == 2)
    #expect(Self.lines(script, "unset colorbox").count == 4)
    #expect(grid.texts.contains("s = 2.0"))
    #expect(grid.problems.isEmpty)
  }

  @Test(.enabled(if: hasGnuplot)) func panelsRender() throws {
    let root = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let grid = Figure.smallMultiples(
      name: "slices", title: "slices",
      panels: (1...3).map { Self.disk(Double($0), legend: $0 == 1 ? "top left" : .off) },
      caption: "c")
    let result = try Gnuplot.render(grid, into: root, executable: Gnuplot.executable()!)
    #expect(result.stderr.isEmpty, "gnuplot said: \(result.stderr)")
    let single = try Gnuplot.render(Self.disk(1, legend: "top left"), into: root, executable: Gnuplot.executable()!)
    #expect(single.stderr.isEmpty, "gnuplot said: \(single.stderr)")
  }
}
