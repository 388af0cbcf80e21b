import Foundation

// The text of a figure's gnuplot script: data as inline datablocks, then the
// settings, then one `plot` drawn to PNG and replotted to PDF (a grid of panels is
// drawn once per terminal), then the PDF's creation date pinned. Everything here
// is pure string building; running gnuplot lives in `Gnuplot.swift`.

extension Gnuplot {
  /// Okabe–Ito colours (colour-blind safe) for measured series, in order; yellow left out.
  static let seriesColors = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
  ]
  /// Filled circle, square, triangle, diamond, inverted triangle, then open ones.
  static let pointTypes = [7, 5, 9, 13, 11, 6, 4, 8]
  /// Black and grey for predictions and thresholds that belong to no one series (told apart by their
  /// dashes), so that none reads as a series' colour; one that belongs to a series takes its colour.
  static let referenceColors = ["#000000", "#5F5F5F", "#000000", "#5F5F5F"]
  static let referenceDashes = [2, 4, 5, 3]
  /// A viridis-like palette for heat maps (gnuplot 5.4 has none built in).
  static let heatPalette =
    "(0 '#440154', 0.25 '#3B528B', 0.5 '#21908C', 0.75 '#5DC963', 1 '#FDE725')"
  /// The date every PDF carries (cairo would stamp the time of drawing).
  static let pdfDate = "20000101000000Z"

  /// A gnuplot double-quoted string literal holding `text` literally.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\r": break
      case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// `text` with line breaks and other control characters turned into spaces,
  /// for comments.
  static func oneLine(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
  }

  /// True when `text` uses the figure markup `_{…}` (subscript) or `^{…}` (superscript).
  static func hasMarkup(_ text: String) -> Bool { text.contains("_{") || text.contains("^{") }

  /// True when `text` has an underscore that is not the start of a subscript `_{…}`: drawn literally, it
  /// reads as a program identifier.
  static func hasBareUnderscore(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    return scalars.indices.contains { scalars[$0] == "_" && ($0 + 1 == scalars.count || scalars[$0 + 1] != "{") }
  }

  /// gnuplot enhanced text for `text`: `_{…}` and `^{…}` stay sub- and superscripts (nested markup
  /// too), every other character enhanced text treats specially (`_ ^ @ & ~ { } \`) is escaped, so it
  /// is drawn as written.
  static func enhanced(_ text: String) -> String {
    let s = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var depth = 0
    var i = 0
    while i < s.count {
      let c = s[i]
      if (c == "_" || c == "^") && i + 1 < s.count && s[i + 1] == "{" {
        out.append(c)
        out.append("{")
        depth += 1
        i += 2
        continue
      }
      if c == "}" && depth > 0 {
        out.append("}")
        depth -= 1
        i += 1
        continue
      }
      if "_^@&~{}\\".unicodeScalars.contains(c) { out.append("\\") }
      out.append(c)
      i += 1
    }
    for _ in 0..<depth { out.append("}") }
    return String(out)
  }

  /// A text argument: literal and `noenhanced` without markup, else enhanced text with the rest escaped.
  static func text(_ text: String) -> String {
    hasMarkup(text) ? quoted(enhanced(text)) : "\(quoted(text)) noenhanced"
  }

  /// `text` broken at spaces into lines of at most about `width` characters, as evenly as the words allow
  /// (a title wider than the PDF's frame would be cut off at both ends). Markup `_{…}`, `^{…}` is never split.
  static func wrapped(_ text: String, width: Int) -> String {
    // What is drawn: markup's braces and marks take no room.
    func visible(_ t: String) -> Int {
      t.count - 3 * (t.components(separatedBy: "_{").count - 1 + t.components(separatedBy: "^{").count - 1)
    }
    let length = visible(text)
    guard length > width, !text.contains("\n") else { return text }
    let lines = (length + width - 1) / width
    let target = (length + lines - 1) / lines
    var out: [String] = []
    var line = ""
    var depth = 0
    var word = ""
    func flushWord() {
      if line.isEmpty {
        line = word
      } else if visible(line) + 1 + visible(word) > target + 8 && out.count < lines - 1 {
        out.append(line)
        line = word
      } else {
        line += " " + word
      }
      word = ""
    }
    var previous: Character = " "
    for c in text {
      if c == "{" && (previous == "_" || previous == "^") { depth += 1 }
      if c == "}" && depth > 0 { depth -= 1 }
      if c == " " && depth == 0 {
        flushWord()
      } else {
        word.append(c)
      }
      previous = c
    }
    flushWord()
    out.append(line)
    return out.joined(separator: "\n")
  }

  /// A number to 6 significant digits, more than a figure can show (a plot is a few hundred pixels
  /// high, 3 digits), so that a rounding-level change of the results (another CPU's BLAS kernels)
  /// leaves the script, and so the committed figure, byte-identical. Non-finite values become
  /// `NaN`, which gnuplot treats as a gap.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "NaN" }
    let s = String(format: "%.6g", value)
    return s == "-0" ? "0" : s
  }

  /// A figure's datablocks, settings (everything between the data and the terminal) and plot command;
  /// `prefix` keeps the datablock names of the panels of a grid apart.
  struct Parts {
    var data: [String] = []
    var settings: [String] = []
    var plot: String = ""
  }

  /// The script text for `figure` (see `script(for:)`).
  static func makeScript(_ figure: Figure) -> String {
    if !figure.panels.isEmpty { return makeGridScript(figure) }
    let parts = makeParts(figure, prefix: "", frame: Frame(legend: figure.legend))
    var out = header(figure) + parts.data + ["", "set encoding utf8"] + parts.settings
    out += [
      "",
      "set terminal pngcairo size 900,600 font \"sans,11\" enhanced",
      "set output \(quoted(figure.name + ".png"))",
      parts.plot,
      "set terminal pdfcairo size 6in,4in font \"sans,10\" enhanced linewidth 0.7 dashlength 1.5 pointscale 0.7",
      "set output \(quoted(figure.name + ".pdf"))",
      "replot",
      "unset output",
    ]
    return (out + pinDate(figure.name) + [""]).joined(separator: "\n")
  }

  /// The comment lines every script starts with.
  static func header(_ figure: Figure) -> [String] {
    let name = oneLine(figure.name)
    var out = [
      "# \(name)",
      "# \(oneLine(figure.title))",
      "# generated by repro — data inline; run `gnuplot \(name).gp` in this folder",
    ]
    if !figure.caption.isEmpty { out.append("# \(oneLine(figure.caption))") }
    return out + [""]
  }

  /// cairo stamps a PDF with the local time of drawing; the script pins it to 2000-01-01 00:00:00 UTC and
  /// moves the cross-reference offsets past it by the change of length, so that running it again (by the
  /// harness or by hand, in any time zone) gives the same bytes. Without perl the script says nothing and
  /// leaves the date; `fixCreationDate` then does the same in Swift for the harness.
  static func pinDate(_ name: String) -> [String] {
    let file = "'" + (name + ".pdf").replacingOccurrences(of: "'", with: "'\\''") + "'"
    let program = [
      #"if (m{/CreationDate \(D:\d{14}[^)]*\)}) {"#,
      #"my ($at, $old) = ($-[0], length $&); my $new = "/CreationDate (D:"# + pdfDate + #")";"#,
      #"my $d = length($new) - $old; substr($_, $at, $old, $new); my $x = rindex($_, "\nxref\n");"#,
      #"if ($x > $at) { my $tail = substr($_, $x);"#,
      #"$tail =~ s{^(\d{10})( \d{5} n)}{sprintf("%010d", $1 > $at ? $1 + $d : $1) . $2}gme;"#,
      #"$tail =~ s{(startxref\s+)(\d+)}{$1 . ($2 > $at ? $2 + $d : $2)}e; substr($_, $x) = $tail } }"#,
    ].joined(separator: " ")
    return [
      "# cairo stamps the PDF with the local time of drawing: pin it (and the offsets after it), so that",
      "# drawing again, anywhere, gives the same bytes",
      "system \(quoted("command -v perl >/dev/null 2>&1 && perl -0777 -C0 -i -pe '\(program)' \(file)"))",
    ]
  }

  /// What the settings depend on beyond the figure itself: where the legend goes (a panel's legend may
  /// be moved to a spare cell of the grid) and whether the colour bar is drawn (and where).
  struct Frame {
    var legend: Legend
    /// `set key …` for a legend placed by the grid, replacing the figure's own.
    var keyOverride: String? = nil
    /// nil: the default colour box; "": none; else a `set colorbox …` line.
    var colorBox: String? = nil
    /// The frame's size as a share of a single figure's (a panel of a grid is smaller), for the ticks.
    var scale: (x: Double, y: Double) = (1, 1)
  }

  static func makeParts(_ figure: Figure, prefix: String, frame: Frame) -> Parts {
    var parts = Parts()
    var elements: [String] = []
    let heat = figure.heatMap.flatMap { heatRows($0, logX: figure.logX, logY: figure.logY) }
    // An axis with no drawable value gets a frame of its own ([0, 1], or [1, 10] on a log axis): the figure is
    // still drawn, and says under its title what it could not draw.
    let xRange = drawable(
      figure.xRange ?? fittedRange(values(figure, axis: .x), log: figure.logX, pad: heat == nil)
        ?? (figure.logX ? 1...10 : 0...1), log: figure.logX)
    var yRange = drawable(
      figure.yRange ?? fittedRange(values(figure, axis: .y), log: figure.logY, pad: heat == nil)
        ?? (figure.logY ? 1...10 : 0...1), log: figure.logY)
    // Notes sit a line above their points: room for them under the top of the frame.
    if figure.yRange == nil, !figure.notes.isEmpty {
      yRange =
        figure.logY
        ? yRange.lowerBound...(yRange.upperBound * pow(yRange.upperBound / yRange.lowerBound, 0.08))
        : yRange.lowerBound...(yRange.upperBound + 0.08 * (yRange.upperBound - yRange.lowerBound))
    }

    if let heat {
      parts.data += ["$\(prefix)heat << EOD", "# x y xlow xhigh ylow yhigh z (one box per grid cell)"] + heat
      parts.data.append("EOD")
      elements.append(
        "$\(prefix)heat using 1:2:3:4:5:6:7 with boxxyerror fs solid 1.0 border lw 1 lc palette notitle")
      if let radius = figure.heatMap?.disk, radius > 0 {
        parts.data += ["$\(prefix)mask << EOD", "# white outside the disk of radius \(number(radius))"]
        parts.data += diskMask(radius: radius).map { "\(number($0.0)) \(number($0.1))" } + ["EOD"]
        elements.append(
          "$\(prefix)mask using 1:2 with filledcurves closed fc rgb \"white\" fs solid 1.0 noborder notitle")
      }
    }
    // Over a heat map every curve sits on a white halo; halos go first so
    // that no halo hides another curve.
    let halo = heat != nil
    var halos: [String] = []
    var drawn: [String] = []
    for (k, series) in figure.series.enumerated() {
      let block = "$\(prefix)series\(k)"
      guard let rows = seriesRows(series, logX: figure.logX, logY: figure.logY) else {
        parts.data.append("# series \(k) \(quoted(series.label)): nothing to draw, skipped")
        continue
      }
      parts.data += ["\(block) << EOD", "# \(oneLine(series.label))"]
      parts.data += rows + ["EOD"]
      if halo { halos.append(haloElement(series.style, block: block)) }
      drawn += seriesElements(series, block: block, index: k, halo: halo)
    }
    var lines = figure.references.map { (line: $0, color: $0.color, mark: false) }
    for mark in figure.marks {
      let line: Series
      switch mark.axis {
      case .x:
        line = Series(label: mark.label, x: [mark.value, mark.value], y: [yRange.lowerBound, yRange.upperBound])
      case .y:
        line = Series(label: mark.label, x: [xRange.lowerBound, xRange.upperBound], y: [mark.value, mark.value])
      }
      lines.append((line, mark.color, true))
    }
    var style: (color: String, dash: Int)? = nil
    for (k, (reference, own, isMark)) in lines.enumerated() {
      let block = "$\(prefix)reference\(k)"
      var line = reference
      (line.low, line.high) = (nil, nil)
      guard let rows = seriesRows(line, logX: figure.logX, logY: figure.logY) else {
        parts.data.append("# reference \(k) \(quoted(reference.label)): nothing to draw, skipped")
        continue
      }
      parts.data += ["\(block) << EOD", "# \(isMark ? "mark: " : "")\(oneLine(reference.label))"]
      parts.data += rows + ["EOD"]
      var color = own.map { seriesColors[$0 % seriesColors.count] } ?? referenceColors[k % referenceColors.count]
      var dash = isMark ? 3 : referenceDashes[k % referenceDashes.count]
      // An unlabelled reference continues the one before it (the second edge of a band): same colour and dash.
      if reference.label.isEmpty, !isMark, let previous = style { (color, dash) = previous }
      style = (color, dash)
      if halo { halos.append(haloElement(.dashed, block: block)) }
      drawn.append(
        "\(block) using 1:2 with lines lc rgb \"\(color)\" dt \(dash) lw \(isMark ? "1.5" : "2") \(keyTitle(reference))"
      )
    }
    elements += halos + drawn

    let width = figure.equalAxes || !prefix.isEmpty ? 48 : 80
    let missing = undrawnNote(figure)
    var s = [
      "set title \(text(wrapped(figure.title, width: width) + (missing.map { "\n" + wrapped($0, width: width) } ?? "")))",
      "set xlabel \(text(figure.xLabel))",
      "set ylabel \(text(figure.yLabel))",
    ]
    let shrinkX = (frame.keyOverride == nil && frame.legend.placement == .outsideRight ? 0.6 : 1) * frame.scale.x
    let shrinkY = (frame.keyOverride == nil && frame.legend.placement == .below ? 0.75 : 1) * frame.scale.y
    s += axisSettings("x", log: figure.logX, range: xRange, length: shrinkX)
    if let ticks = figure.xTicks.map({ dataTicks($0, log: figure.logX, range: xRange, length: shrinkX) }),
      !ticks.isEmpty
    {
      s += ["set format x \"%g\"", "set xtics (\(ticks.map(number).joined(separator: ", ")))"]
      if figure.logX { s.append("set mxtics default") }
    }
    s += axisSettings("y", log: figure.logY, range: yRange, length: shrinkY)
    if figure.equalAxes { s.append("set size ratio -1") }
    s += [
      frame.keyOverride ?? legend(frame.legend),
      "set border lw 1 lc rgb \"#808080\"\(heat != nil ? " front" : "")",
      "set grid xtics ytics lt 1 lw 1 lc rgb \"#dddddd\"",
      "set tics out nomirror textcolor rgb \"black\"",
      "set errorbars small",
    ]
    if heat != nil, let map = figure.heatMap {
      s += [
        "set palette defined \(heatPalette)",
        "set cblabel \(text(map.label))",
      ]
      if let z = map.zRange { s.append("set cbrange [\(number(z.lowerBound)):\(number(z.upperBound))]") }
      switch frame.colorBox {
      case nil: s.append("set colorbox")
      case ""?: s.append("unset colorbox")
      case let line?: s.append(line)
      }
    }
    for (k, note) in figure.notes.enumerated() where note.x.isFinite && note.y.isFinite {
      let color = note.color.map { seriesColors[$0 % seriesColors.count] } ?? "black"
      s.append(
        "set label \(k + 2) \(text(note.text)) at first \(number(note.x)), first \(number(note.y)) \(note.align.rawValue) offset \(note.align == .left ? "-0.5" : note.align == .right ? "0.5" : "0"), 0.9 font \",9\" tc rgb \"\(color)\" front"
      )
    }
    if elements.isEmpty {
      // gnuplot refuses an empty plot; draw an empty frame that says why (the title says what was left out).
      s.append("set label 1 \(missing == nil ? "\"no data\"" : "\"nothing to draw\"") at graph 0.5, 0.5 center")
      elements.append("NaN notitle")
    }
    parts.settings = s
    parts.plot = "plot \\\n  " + elements.joined(separator: ", \\\n  ")
    return parts
  }

  /// A closed outline that covers the plane outside the circle of `radius` around the origin (the circle
  /// counter-clockwise, then a frame far outside it clockwise, joined by a slit), filled white.
  static func diskMask(radius r: Double) -> [(Double, Double)] {
    let n = 256
    var out = (0...n).map { k -> (Double, Double) in
      let t = 2 * Double.pi * Double(k) / Double(n)
      return (r * cos(t), r * sin(t))
    }
    let f = 10 * r
    out += [(f, 0), (f, -f), (-f, -f), (-f, f), (f, f), (f, 0), (r, 0)]
    return out
  }

  // MARK: Grids of panels

  /// One terminal's measures for a grid of panels, in its own units (pixels, points): the plot area of a
  /// cell, a character's height and width at the terminal's font.
  struct GridTerminal: Sendable {
    var setup: @Sendable (_ width: Double, _ height: Double) -> String
    var cell: (width: Double, height: Double)
    var char: (height: Double, width: Double)
  }

  static let gridTerminals = [
    GridTerminal(
      setup: { "set terminal pngcairo size \(Int($0.rounded())),\(Int($1.rounded())) font \"sans,11\" enhanced" },
      cell: (330, 280), char: (15, 7.4)),
    GridTerminal(
      setup: {
        "set terminal pdfcairo size \(number(($0 / 72 * 100).rounded() / 100))in,\(number(($1 / 72 * 100).rounded() / 100))in font \"sans,9\" enhanced linewidth 0.7 dashlength 1.5 pointscale 0.7"
      },
      cell: (170, 140), char: (10, 4.7)),
  ]

  /// Panels on a grid (gnuplot's multiplot), drawn once for the PNG and once for the PDF. Every cell has
  /// the same plot area; the margins and the space between cells are counted in characters, so tick
  /// labels and axis labels fit at either terminal's font. Spare cells at the end of the last row hold
  /// the first panel's legend and, when every heat map shares one colour range, the one colour bar (the
  /// canvas widens when the legend needs more room).
  static func makeGridScript(_ figure: Figure) -> String {
    let n = figure.panels.count
    let columns = max(1, figure.columns ?? Int(Double(n).squareRoot().rounded(.up)))
    let rows = (n + columns - 1) / columns
    let spareCells = rows * columns - n
    let maps = figure.panels.compactMap(\.heatMap)
    let shared = !maps.isEmpty && maps.allSatisfy { $0.zRange != nil && $0.zRange == maps[0].zRange }
    let lastMap = figure.panels.lastIndex { $0.heatMap != nil }
    let legendPanel = figure.panels.firstIndex { $0.legend.placement != .off }
    let entries =
      legendPanel.map { k in
        (figure.panels[k].series + figure.panels[k].references).map(\.label).filter { !$0.isEmpty }
          + figure.panels[k].marks.map(\.label).filter { !$0.isEmpty }
      } ?? []

    var data: [String] = []
    var out: [String] = []
    for (t, terminal) in gridTerminals.enumerated() {
      let ch = terminal.char.height
      let (left, bottom, spaceX, spaceY) = (5.5 * ch, 4.3 * ch, 6.5 * ch, 6.4 * ch)
      var right = 1.5 * ch
      let cellW = terminal.cell.width
      let cellH = terminal.cell.height
      // The legend, beside the grid when there is no spare cell, or in the spare cells.
      let keyWidth = Double(entries.map(\.count).max() ?? 0) * terminal.char.width + 5 * ch
      let spareWidth = spareCells > 0 ? Double(spareCells) * cellW + Double(spareCells - 1) * spaceX : 0
      if legendPanel != nil { right += max(0, keyWidth + 2 * ch - spareWidth) }
      if shared && spareCells == 0 { right += 5 * ch }
      let width = left + Double(columns) * cellW + Double(columns - 1) * spaceX + right
      let title = wrapped(figure.title, width: Int(width / terminal.char.width) - 8)
      let titleLines = Double(title.split(separator: "\n").count)
      let top = (1.5 * titleLines + 3) * ch
      let height = top + Double(rows) * cellH + Double(rows - 1) * spaceY + bottom
      /// The lower left corner of cell k, in screen coordinates.
      func corner(_ k: Int) -> (x: Double, y: Double) {
        let (r, c) = (k / columns, k % columns)
        return (
          (left + Double(c) * (cellW + spaceX)) / width,
          (bottom + Double(rows - 1 - r) * (cellH + spaceY)) / height
        )
      }
      // Where the legend and the colour bar go: the first spare cell, else right of the grid.
      let spare: (x: Double, y: Double) = spareCells > 0 ? corner(n) : ((width - right + ch) / width, bottom / height)
      let keyLine =
        "set key at screen \(number(spare.x)), \(number(spare.y + cellH / height)) left top vertical Left reverse nobox samplen 3"
      let keyHeight = (Double(entries.count) * 1.3 + 1) * ch
      // A horizontal colour bar at the foot of the spare cell, its label under it.
      _ = keyHeight
      let barLine =
        "set colorbox horizontal user origin screen \(number(spare.x + ch / width)), \(number(spare.y + 2.6 * ch / height)) size screen \(number(0.8 * cellW / width)), \(number(1.2 * ch / height))"
      var panels: [String] = []
      for (k, panel) in figure.panels.enumerated() {
        var frame = Frame(legend: k == legendPanel ? panel.legend : .off)
        // Ticks are judged on the PDF (the smaller canvas for its font), as for a single figure.
        frame.scale = (gridTerminals[1].cell.width / 360, gridTerminals[1].cell.height / 230)
        if k == legendPanel { frame.keyOverride = keyLine }
        if shared, panel.heatMap != nil { frame.colorBox = k == lastMap ? barLine : "" }
        let parts = makeParts(panel, prefix: "p\(k)", frame: frame)
        if t == 0 { data += parts.data }
        panels += ["", "reset", "set encoding utf8"] + parts.settings + [parts.plot]
      }
      let layout =
        "set multiplot layout \(rows),\(columns) title \(text(title)) margins \(number(left / width)), \(number(1 - right / width)), \(number(bottom / height)), \(number(1 - top / height)) spacing \(number(spaceX / width)), \(number(spaceY / height))"
      let ext = t == 0 ? ".png" : ".pdf"
      out +=
        [
          "", terminal.setup(width, height), "set output \(quoted(figure.name + ext))", layout,
        ] + panels + ["unset multiplot", "unset output"]
    }
    return (header(figure) + data + ["", "set encoding utf8"] + out + pinDate(figure.name) + [""])
      .joined(separator: "\n")
  }

  // MARK: Data

  /// Data rows `x y [low high]` of a series, without points a logarithmic axis
  /// cannot show (a comment counts them); nil when no point has finite x and y.
  static func seriesRows(_ s: Series, logX: Bool, logY: Bool) -> [String]? {
    let bars = s.low != nil || s.high != nil
    var rows: [String] = []
    var dropped = 0
    var drawable = false
    for i in s.x.indices {
      let (x, y) = (s.x[i], s.y[i])
      // NaN compares false, so NaN rows stay and become gaps.
      if (logX && x <= 0) || (logY && y <= 0) {
        dropped += 1
        continue
      }
      drawable = drawable || (x.isFinite && y.isFinite)
      var row = "\(number(x)) \(number(y))"
      if bars { row += " \(number(s.low?[i] ?? y)) \(number(s.high?[i] ?? y))" }
      rows.append(row)
    }
    guard drawable else { return nil }
    if dropped > 0 {
      rows.insert("# \(dropped) point(s) dropped: non-positive on a logarithmic axis", at: 0)
    }
    return rows
  }

  /// The plot clauses for one measured series: a single key entry, error bars
  /// in the series' colour, thicker lines over a heat map.
  static func seriesElements(_ s: Series, block: String, index k: Int, halo: Bool) -> [String] {
    let color = "lc rgb \"\(seriesColors[(s.color ?? k) % seriesColors.count])\""
    let point = "pt \(pointTypes[(s.marker ?? k) % pointTypes.count])"
    let title = keyTitle(s)
    let bars = s.low != nil || s.high != nil
    let width = halo ? "lw 2.5" : "lw 1.5"
    var out: [String] = []
    switch (s.style, bars) {
    case (.linesPoints, false):
      out.append("\(block) using 1:2 with linespoints \(color) \(width) \(point) ps 1 \(title)")
    case (.linesPoints, true):
      out.append("\(block) using 1:2:3:4 with yerrorlines \(color) \(width) \(point) ps 1 \(title)")
    case (.points, false):
      out.append("\(block) using 1:2 with points \(color) \(point) ps 1.2 \(title)")
    case (.points, true):
      out.append(
        "\(block) using 1:2:3:4 with yerrorbars \(color) \(width) \(point) ps 1.2 \(title)")
    case (.lines, _), (.dashed, _):
      // Bars first, so the line covers the small gap gnuplot leaves at each point.
      if bars {
        out.append("\(block) using 1:2:3:4 with yerrorbars \(color) lw 1 pt 7 ps 0 notitle")
      }
      let dash = s.style == .dashed ? "dt 2 \(width)" : (halo ? "lw 3" : "lw 2")
      out.append("\(block) using 1:2 with lines \(color) \(dash) \(title)")
    }
    return out
  }

  /// A white outline drawn under a curve so it reads on any heat-map colour.
  static func haloElement(_ style: Series.Style, block: String) -> String {
    style == .points
      ? "\(block) using 1:2 with points lc rgb \"white\" pt 7 ps 1.7 notitle"
      : "\(block) using 1:2 with lines lc rgb \"white\" lw 5 notitle"
  }

  /// One box per finite cell of a heat map: centre, cell edges (midpoints
  /// between grid lines, geometric on a log axis) and the value.
  static func heatRows(_ map: HeatMap, logX: Bool, logY: Bool) -> [String]? {
    let keepX = map.x.indices.filter { map.x[$0].isFinite && (!logX || map.x[$0] > 0) }
    let keepY = map.y.indices.filter { map.y[$0].isFinite && (!logY || map.y[$0] > 0) }
    let xEdges = cellEdges(keepX.map { map.x[$0] }, log: logX)
    let yEdges = cellEdges(keepY.map { map.y[$0] }, log: logY)
    var rows: [String] = []
    for (b, i) in keepY.enumerated() {
      for (a, j) in keepX.enumerated() where map.z[i][j].isFinite {
        let cell = [
          map.x[j], map.y[i], xEdges[a].0, xEdges[a].1, yEdges[b].0, yEdges[b].1, map.z[i][j],
        ]
        rows.append(cell.map(number).joined(separator: " "))
      }
    }
    return rows.isEmpty ? nil : rows
  }

  /// Lower and upper edge of the cell around each grid coordinate.
  static func cellEdges(_ v: [Double], log: Bool) -> [(Double, Double)] {
    func mid(_ a: Double, _ b: Double) -> Double { log ? (a * b).squareRoot() : (a + b) / 2 }
    func mirror(_ c: Double, _ m: Double) -> Double { log ? c * c / m : 2 * c - m }
    guard v.count > 1 else {
      return v.map { log ? ($0 / 10.squareRoot(), $0 * 10.squareRoot()) : ($0 - 0.5, $0 + 0.5) }
    }
    return v.indices.map { k in
      let low = k > 0 ? mid(v[k - 1], v[k]) : mirror(v[0], mid(v[0], v[1]))
      let high = k + 1 < v.count ? mid(v[k], v[k + 1]) : mirror(v[k], mid(v[k - 1], v[k]))
      return (low, high)
    }
  }

  // MARK: Axes

  enum Axis { case x, y }

  /// Every coordinate the figure draws on one axis (error bars, references, marks and heat-map cells
  /// included), for fitting its range.
  static func values(_ figure: Figure, axis: Axis) -> [Double] {
    var out: [Double] = []
    for s in figure.series + figure.references {
      switch axis {
      case .x: out += s.x
      case .y: out += s.y + (s.low ?? []) + (s.high ?? [])
      }
    }
    out += figure.marks.filter { ($0.axis == .x) == (axis == .x) }.map(\.value)
    out += figure.notes.map { axis == .x ? $0.x : $0.y }
    if let map = figure.heatMap {
      let grid = axis == .x ? map.x : map.y
      let log = axis == .x ? figure.logX : figure.logY
      let kept = grid.filter { $0.isFinite && (!log || $0 > 0) }
      out += cellEdges(kept, log: log).flatMap { [$0.0, $0.1] }
    }
    return out
  }

  /// The range of `values` (finite, and positive on a log axis), padded by 4% of its span on each side
  /// (in decades on a log axis) so that no marker touches the frame; `pad` false: exactly the values'.
  /// Nil with no usable value: the axis has nothing to fit (the figure says so on its face).
  static func fittedRange(_ values: [Double], log: Bool, pad: Bool) -> ClosedRange<Double>? {
    let usable = values.filter { $0.isFinite && (!log || $0 > 0) }
    guard let low = usable.min(), let high = usable.max() else { return nil }
    if log {
      let (a, b) = (Foundation.log10(low), Foundation.log10(high))
      let margin = b > a ? (pad ? 0.04 * (b - a) : 0) : 0.1
      return pow(10, a - margin)...pow(10, b + margin)
    }
    if high > low { return pad ? (low - 0.04 * (high - low))...(high + 0.04 * (high - low)) : low...high }
    let margin = low == 0 ? 1 : 0.1 * abs(low)
    return (low - margin)...(high + margin)
  }

  /// A range gnuplot can draw: one whose ends differ as the script writes them (6 significant digits), else
  /// widened around its middle by 5% of it (±1 around 0; a tenth of a decade on a log axis). A constant series,
  /// or one constant to 6 digits, would otherwise stop gnuplot with "empty y range".
  static func drawable(_ range: ClosedRange<Double>, log: Bool) -> ClosedRange<Double> {
    let (low, high) = (range.lowerBound, range.upperBound)
    guard low.isFinite, high.isFinite, !log || low > 0, number(low) == number(high) else { return range }
    if log {
      let middle = (low * high).squareRoot()
      return middle / pow(10, 0.1)...middle * pow(10, 0.1)
    }
    let middle = low / 2 + high / 2
    let margin = middle == 0 ? 1 : max(abs(middle) * 0.05, Double.leastNormalMagnitude)
    return (middle - margin)...(middle + margin)
  }

  /// Logscale, ticks and range for one axis. Log ticks read as powers of ten when the axis spans two
  /// decades or more; a narrower log axis gets plain numbers at the densest of 1…9, 1-2-3-5, 1-2-5, 1-3
  /// or 1 per decade whose labels do not collide (judged on the PDF, the smaller canvas for its font:
  /// `length` is the share of the usual frame the axis has, less when a legend sits beside or below it).
  static func axisSettings(_ axis: String, log: Bool, range: ClosedRange<Double>, length: Double = 1)
    -> [String]
  {
    var out: [String] = []
    if log {
      out.append("set logscale \(axis) 10")
      let (low, high) = (range.lowerBound, range.upperBound)
      if high / low >= 100 {
        out.append("set format \(axis) \"10^{%L}\"")
      } else if let ticks = logTicks(low: low, high: high, horizontal: axis == "x", length: length) {
        out.append("set format \(axis) \"%g\"")
        out.append("set \(axis)tics (\(ticks.map(number).joined(separator: ", ")))")
      } else {
        out.append("set format \(axis) \"%g\"")
      }
    }
    let bound = { (v: Double) in v.isFinite && (!log || v > 0) ? number(v) : "*" }
    out.append("set \(axis)range [\(bound(range.lowerBound)):\(bound(range.upperBound))]")
    return out
  }

  /// Ticks for a log axis over less than two decades: the densest mantissa set (halves and fifths too where
  /// every digit gives fewer than four) whose neighbouring labels
  /// inside the range keep apart, listed over whole decades (gnuplot leaves out those outside the range);
  /// nil when none puts two ticks in the range (an axis narrower than 1 → 1.1: gnuplot's own ticks).
  static func logTicks(low: Double, high: Double, horizontal: Bool, length: Double) -> [Double]? {
    let span = Foundation.log10(high / low)
    guard span > 0 else { return nil }
    let decades =
      Int((Foundation.log10(low)).rounded(.down))...Int((Foundation.log10(high)).rounded(.up))
    // The PDF's frame is about 360 pt wide and 230 pt high; a digit is 5.5 pt wide, a label 10 pt high.
    let axisPoints = (horizontal ? 360.0 : 230.0) * length
    func ticks(_ digits: [Double]) -> [Double] {
      decades.flatMap { k in digits.map { k >= 0 ? $0 * pow(10, Double(k)) : $0 / pow(10, Double(-k)) } }
    }
    func inside(_ ticks: [Double]) -> [Double] { ticks.filter { $0 >= low * (1 - 1e-9) && $0 <= high * (1 + 1e-9) } }
    // Where every digit leaves fewer than four ticks in the frame (8 to 27: 9, 10, 20), halves and fifths
    // come first (10, 12, 15, 20, 25).
    let every: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
    let fine: [[Double]] = inside(ticks(every)).count < 4 ? [[1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9]] : []
    let candidates: [[Double]] = fine + [every, [1, 2, 3, 5], [1, 2, 5], [1, 3], [1]]
    for digits in candidates {
      let all = ticks(digits)
      let shown = inside(all)
      guard shown.count >= 2 else { continue }
      let apart = zip(shown, shown.dropFirst()).allSatisfy { a, b in
        let gap = Foundation.log10(b / a) / span * axisPoints
        let needed =
          horizontal ? 5.5 * Double(number(a).count + number(b).count) / 2 + 8 : 14
        return gap >= needed
      }
      if apart { return all }
    }
    return nil
  }

  /// The given x ticks inside the range, ascending, leaving out one whose label would touch its left
  /// neighbour's (judged on the PDF as for `logTicks`).
  static func dataTicks(_ values: [Double], log: Bool, range: ClosedRange<Double>, length: Double) -> [Double] {
    let inside = Set(values.filter { $0.isFinite && range.contains($0) && (!log || $0 > 0) }).sorted()
    let span = log ? Foundation.log10(range.upperBound / range.lowerBound) : range.upperBound - range.lowerBound
    guard span > 0 else { return inside }
    var kept: [Double] = []
    for v in inside {
      if let last = kept.last {
        let gap = (log ? Foundation.log10(v / last) : v - last) / span * 360 * length
        if gap < 5.5 * Double(number(v).count + number(last).count) / 2 + 8 { continue }
      }
      kept.append(v)
    }
    return kept
  }

  /// `set key ...`: inside the frame at the figure's position words (anything else falls back to `top
  /// left`), boxed and opaque so it stays readable over data; or outside the frame, right of it or below.
  static func legend(_ legend: Legend) -> String {
    let style = "box lc rgb \"#808080\" Left reverse"
    switch legend.placement {
    case .off: return "unset key"
    case .outsideRight: return "set key outside right top vertical \(style)"
    // No box below the frame: gnuplot leaves no room for one between the key and the x label.
    case .below: return "set key below center horizontal Left reverse"
    case .inside(let words):
      let trimmed = words.trimmingCharacters(in: .whitespaces)
      if ["off", "none", "no"].contains(trimmed.lowercased()) { return "unset key" }
      let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: " ,.-+"))
      let safe =
        !trimmed.isEmpty && trimmed.unicodeScalars.allSatisfy { allowed.contains($0) && $0.isASCII }
      return "set key \(safe ? trimmed : "top left") opaque \(style)"
    }
  }

  /// `title "..."` (enhanced only with markup), or `notitle` for an empty label.
  static func keyTitle(_ s: Series) -> String {
    s.label.isEmpty ? "notitle" : "title \(text(s.label))"
  }
}
