import Figures
import Foundation
import HDF5

/// The gallery `figures/README.md`: a verdict per prediction, then every experiment, by paper, with its
/// claims (numbered, each with the reason for its bound and its negative control), notes explaining known
/// failures and code checks once each, and its figures in the module's order, each with its caption.
public enum Gallery {
  public static func write(_ experiments: [any Experiment.Type], workspace: Workspace) throws {
    let path = (workspace.figures as NSString).appendingPathComponent("README.md")
    let previous = try? String(contentsOfFile: path, encoding: .utf8)
    let text = try markdown(experiments, workspace: workspace, previous: previous)
    do {
      try FileManager.default.createDirectory(atPath: workspace.figures, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw ReproError.failed("cannot write \(path): \(fileSystemReason(error, path: path))")
    }
  }

  /// The gallery. An experiment without a result keeps its section (and its row) from `previous`, the
  /// gallery as it was, so drawing one experiment on a fresh clone does not blank the others; a section whose
  /// numbers did not change keeps its old wall time, so redrawing unchanged results leaves the page as it was.
  static func markdown(_ experiments: [any Experiment.Type], workspace: Workspace, previous: String? = nil)
    throws -> String
  {
    let kept = previous.map(sections) ?? [:]
    var papers: [String] = []
    for e in experiments where !papers.contains(e.paper) { papers.append(e.paper) }
    // A file that is not this experiment's readable result (missing, damaged, another experiment's renamed into
    // place) shows as no result: its section is kept from the previous gallery, never drawn from another's claims.
    let read = experiments.map { e in (e, try? Results.read(workspace.resultPath(e.id), of: e.id)) }

    var out = """
      # Figures

      Drawn by `make all` (or `repro plot <id>`) from the result files in `\(workspace.results)/`. Each figure's \
      gnuplot script, with its data inline, sits beside it and redraws it byte for byte. A prediction is \
      *reproduced* when every claim stating it holds at the paper preset, *partly* when some do, *not \
      reproduced* when none does; consistency checks (implied by the theory, but true of networks it does not \
      cover too) and checks of the code are listed apart and never make a paper read as reproduced. Every claim names where its bound comes \
      from, and the negative control on which it must fail.
      """
    let presets = Set(read.compactMap { $0.1?.preset })
    if presets != [Preset.paper.rawValue] && !presets.isEmpty {
      out +=
        "\n**These are \(presets.sorted().joined(separator: " and ")) results: a smoke test.** Claims are judged at the paper preset; a verdict here says only how the code behaves on small sizes.\n"
    }
    out += "\n| paper | experiment | reproduces | verdict |\n| --- | --- | --- | --- |\n"
    for (e, results) in read {
      if results == nil, let row = kept[e.id]?.row {
        out += row + "\n"
        continue
      }
      let verdict = try (results == nil ? nil : workspace.claims(e)).map { verdictLine($0) } ?? "no results yet"
      out += "| \(e.paper) | [`\(e.id)`](#\(e.id)) | \(cell(e.reproduces)) | \(cell(verdict)) |\n"
    }
    for paper in papers {
      out +=
        "\n## \(paper)\n\nThe reconstructed setting: [`experiments/\(paper)/README.md`](../experiments/\(paper)/README.md).\n"
      for (e, results) in read where e.paper == paper {
        let section = try self.section(e, results, workspace: workspace)
        if let old = kept[e.id]?.section, results == nil || withoutTimes(old) == withoutTimes(section) {
          out += old
        } else {
          out += section
        }
      }
    }
    return out
  }

  /// One experiment's section, from "\n### <id>" to the end of its figure list.
  static func section(_ e: any Experiment.Type, _ results: Results?, workspace: Workspace) throws
    -> String
  {
    var out = "\n### \(e.id)\n\n**Reproduces:** \(e.reproduces)  \n\(e.summary)\n\n"
    guard let r = results else {
      out += "No results yet: `repro run \(e.id)`.\n\n"
      return out
    }
    let code = String(r.string("code_fingerprint").prefix(12))
    let dirty = r.number("git_dirty") == 1 ? " (with uncommitted changes to \(r.string("git_dirty_files")))" : ""
    out +=
      "Results: preset `\(r.preset)`, \(r.points.count) points, computed in \(wallTime(r)), sources `\(code)`\(dirty); `repro status` tells whether they are current.\n\n"
    if let entries = try workspace.claims(e), !entries.isEmpty {
      out += "**Verdict: \(verdictLine(entries)).**\n\n"
      out += claimTable(entries)
    }
    out += figureList(e, r, workspace: workspace)
    return out
  }

  /// The sections and summary rows of a gallery, by experiment id.
  static func sections(_ text: String) -> [String: (row: String?, section: String)] {
    var out: [String: (row: String?, section: String)] = [:]
    var chunks = text.components(separatedBy: "\n### ")
    chunks.removeFirst()
    for chunk in chunks {
      guard let id = chunk.split(separator: "\n", maxSplits: 1).first.map(String.init), !id.isEmpty else { continue }
      // A section ends with its blank line; the "\n## " of the next paper starts after it (adding a newline
      // here would grow the page by one blank line per rewrite).
      let body = chunk.range(of: "\n## ").map { String(chunk[..<$0.lowerBound]) } ?? chunk
      let row = text.split(separator: "\n").first { $0.hasPrefix("| ") && $0.contains("[`\(id)`](#\(id))") }
      out[id] = (row.map(String.init), "\n### " + body)
    }
    return out
  }

  /// A section with its wall time blanked, to tell a rerun with the same numbers from a changed result.
  static func withoutTimes(_ section: String) -> String {
    section.replacingOccurrences(
      of: "computed in [^,]*, sources", with: "computed in …, sources", options: .regularExpression)
  }

  /// "reproduced (claims 1–4 hold)", "partly: 3 of 4 predictions hold (…; claim 5 fails, as known)", then the
  /// consistency checks and code checks apart. A module whose claims are all checks is "not reproduced: no
  /// prediction": a consistency check alone never makes it read as reproduced.
  static func verdictLine(_ entries: [ClaimStore.Entry]) -> String {
    let numbered = entries.enumerated().map { ($0.offset + 1, $0.element) }
    let predictions = numbered.filter { $0.1.isPrediction }
    let consistency = numbered.filter { $0.1.consistencyCheck != nil }
    let checks = numbered.filter { $0.1.codeCheck != nil }
    let holding = predictions.filter { $0.1.verdict.holds }
    let failing = predictions.filter { !$0.1.verdict.holds }
    var line: String
    let known = failing.allSatisfy { $0.1.verdict.knownFailure != nil } ? ", as known" : ""
    switch (holding.count, failing.count) {
    case (0, 0): line = "not reproduced: no prediction (only checks)"
    case (_, 0): line = "reproduced (\(claims(holding.map(\.0), "holds", "hold")))"
    case (0, _): line = "not reproduced (\(claims(failing.map(\.0), "fails", "fail"))\(known))"
    default:
      line =
        "partly: \(holding.count) of \(predictions.count) predictions hold (\(claims(holding.map(\.0), "holds", "hold")); \(claims(failing.map(\.0), "fails", "fail"))\(known))"
    }
    for (group, what) in [(consistency, "consistency check"), (checks, "code check")] where !group.isEmpty {
      let broken = group.filter { !$0.1.verdict.holds }
      line +=
        "; "
        + (broken.isEmpty
          ? claims(group.map(\.0), "holds", "hold", what: what)
          : claims(broken.map(\.0), "FAILS", "FAIL", what: what))
    }
    return line
  }

  /// "claim 4 holds", "claims 1–3 hold".
  static func claims(_ list: [Int], _ one: String, _ many: String, what: String = "claim") -> String {
    list.count == 1 ? "\(what) \(list[0]) \(one)" : "\(what)s \(numbers(list)) \(many)"
  }

  /// "1–3, 5".
  static func numbers(_ list: [Int]) -> String {
    var parts: [String] = []
    var k = 0
    while k < list.count {
      var j = k
      while j + 1 < list.count && list[j + 1] == list[j] + 1 { j += 1 }
      parts.append(j > k ? "\(list[k])–\(list[j])" : "\(list[k])")
      k = j + 1
    }
    return parts.joined(separator: ", ")
  }

  /// The figures in the module's own order (the order of its sweep), each with its caption.
  static func figureList(_ e: any Experiment.Type, _ results: Results, workspace: Workspace) -> String {
    let dir = workspace.figureDirectory(e.id)
    let drawn = Set(((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".png") })
    // What a figure could not draw follows its caption, as it stands under the figure's title.
    var order: [(name: String, caption: String)] = ((try? e.figures(results)) ?? []).map { figure in
      (
        figure.name,
        ([figure.caption] + [figure.undrawnNote].compactMap { $0 }).filter { !$0.isEmpty }
          .joined(separator: " ")
      )
    }
    // Figures on disk that the module no longer declares would be stale: they are not listed.
    order = order.filter { drawn.contains($0.name + ".png") }
    var out = ""
    for (stem, caption) in order {
      out += "![\(e.id): \(stem)](\(e.id)/\(stem).png)  \n"
      if !caption.isEmpty { out += "\(caption)  \n" }
      out += "`\(e.id)/\(stem)` — [PDF](\(e.id)/\(stem).pdf), [gnuplot script](\(e.id)/\(stem).gp)\n\n"
    }
    return out
  }

  /// "12 s with 2 sweep points at once on 2 cores".
  static func wallTime(_ r: Results) -> String {
    // A damaged or crafted file may hold any number here: Int(_:) of NaN or 1e300 would trap.
    guard let wall = r.number("wall_seconds"), wall.isFinite, wall >= 0, wall < 1e12 else {
      return "an unrecorded time"
    }
    let time =
      wall < 10
      ? String(format: "%.1f s", wall)
      : wall < 120 ? "\(Int(wall.rounded())) s" : "\(Int(wall / 60)) min \(Int(wall.rounded()) % 60) s"
    guard let jobs = r.number("jobs"), let cores = r.number("cores"), (0..<1e9).contains(jobs),
      (0..<1e9).contains(cores)
    else { return time }
    return
      "\(time) with \(Int(jobs)) sweep point\(jobs == 1 ? "" : "s") at once on \(Int(cores)) core\(cores == 1 ? "" : "s")"
  }

  /// Text safe inside a Markdown table cell.
  static func cell(_ s: String) -> String {
    s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
