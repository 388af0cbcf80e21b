import Foundation
import HDF5

/// The gallery `figures/README.md`: every experiment, by paper, with its
/// figures, what it reproduces, and where its drawn results came from.
public enum Gallery {
  public static func write(_ experiments: [any Experiment.Type], workspace: Workspace) throws {
    let text = markdown(experiments, workspace: workspace)
    let path = (workspace.figures as NSString).appendingPathComponent("README.md")
    do {
      try FileManager.default.createDirectory(atPath: workspace.figures, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw ReproError.failed("cannot write \(path): \(fileSystemReason(error, path: path))")
    }
  }

  static func markdown(_ experiments: [any Experiment.Type], workspace: Workspace) -> String {
    var out = """
      # Figures

      Drawn by `make all` (or `repro plot <id>`) from the result files in `results/`.
      Each figure's gnuplot script, with its data inline, sits beside it.

      """
    var papers: [String] = []
    for e in experiments where !papers.contains(e.paper) { papers.append(e.paper) }
    for paper in papers {
      out += "\n## \(paper)\n"
      for e in experiments where e.paper == paper {
        out += "\n### `\(e.id)`\n\n**Reproduces:** \(e.reproduces)  \n\(e.summary)\n\n"
        if let r = try? Results.read(workspace.resultPath(e.id)) {
          // Only what the numbers depend on, so redrawing unchanged results leaves this page unchanged:
          // no times, and the sources' fingerprint rather than the commit, which moves with every commit.
          let code = String(r.string("code_fingerprint").prefix(12))
          let dirty = r.number("git_dirty") == 1 ? " (with uncommitted changes to \(r.string("git_dirty_files")))" : ""
          out +=
            "Results: preset `\(r.preset)`, \(r.points.count) points, sources `\(code)`\(dirty); `repro status` tells whether they are current.\n\n"
          if let entries = workspace.claims(e), !entries.isEmpty {
            out += "| | claim | bound | observed | negative control |\n| --- | --- | --- | --- | --- |\n"
            for entry in entries {
              let v = entry.verdict
              let known = v.knownFailure.map { " *Known to fail: \(cell($0))*" } ?? ""
              let role = entry.codeCheck.map { " *Check of the code, not a prediction: \(cell($0))*" } ?? ""
              out +=
                "| \(v.holds ? "✓" : "✗") | \(cell(v.statement))\(known)\(role) | \(cell(v.bound)) | \(cell(v.observed)) | \(controlCell(entry.control)) |\n"
            }
            out += "\n"
          }
        } else {
          out += "No results yet: `repro run \(e.id)`.\n\n"
        }
        let dir = workspace.figureDirectory(e.id)
        let pngs = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".png") }
          .sorted()
        for png in pngs {
          let stem = String(png.dropLast(4))
          out +=
            "![\(e.id): \(stem)](\(e.id)/\(png))  \n`\(e.id)/\(stem)` — [PDF](\(e.id)/\(stem).pdf), [gnuplot script](\(e.id)/\(stem).gp)\n\n"
        }
      }
    }
    return out
  }

  /// The control and its outcome: "control fails ✓", or CANNOT FAIL in red.
  static func controlCell(_ c: ClaimStore.ControlRecord) -> String {
    let what = c.settings.isEmpty ? "" : "`\(cell(c.settings))`: \(cell(c.description))"
    let seen = c.observed.isEmpty ? "" : " (\(cell(c.observed)))"
    switch c.status {
    case .fails: return "\(what) — control fails ✓\(seen)"
    case .cannotFail: return "\(what) — $\\color{red}{\\textsf{CANNOT FAIL}}$ 🔴\(seen)"
    case .undeclared: return "$\\color{red}{\\textsf{CANNOT FAIL}}$ 🔴 (no control declared)"
    case .codeCheck: return "— (code check)"
    case .notRun: return "\(what) — control not run (`repro check --controls`)"
    }
  }

  /// Text safe inside a Markdown table cell.
  static func cell(_ s: String) -> String {
    s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
