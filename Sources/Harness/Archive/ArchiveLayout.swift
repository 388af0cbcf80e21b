import Foundation

/// Where each file goes inside a bundle: the repository's own layout, so that the gallery's links, a result's
/// `setting` (experiments/<paper>/README.md) and the paths of its recorded sources resolve inside the bundle as
/// they do in a checkout.
struct ArchiveLayout {
  let preset: Preset

  /// `results/` at the paper preset, `results/<preset>/` at any other (as `Workspace.defaultResults`).
  var results: String { Workspace.defaultResults(preset) }
  var figures: String { Workspace.defaultFigures(results: results) }
  var baselines: String { Workspace.defaultBaselines }

  func result(_ id: String) -> String { "\(results)/\(id).h5" }
  func control(_ id: String, slug: String) -> String { "\(results)/controls/\(id)/\(slug)/\(id).h5" }
  func figure(_ id: String, _ name: String) -> String { "\(figures)/\(id)/\(name)" }
  var gallery: String { "\(figures)/README.md" }
  func baseline(_ id: String) -> String { Baselines.path(id, preset: preset, root: baselines) }
  func sensitivity(_ id: String) -> String { SensitivityReport.path(id, preset: preset, root: baselines) }
  func setting(paper: String) -> String { "experiments/\(paper)/README.md" }
  static let citation = "CITATION.cff"
  static let metadata = CrateGraph.metadataID

  /// A source file at its path in the tree; a second version of the same path (results computed from different
  /// sources) under `sources-variants/<first 12 hex digits of its SHA-256>/`.
  static func source(_ path: String, variant hash: String?) -> String {
    hash.map { "sources-variants/\($0.prefix(12))/\(path)" } ?? path
  }

  /// The media type of a bundled file, by its name.
  static func encodingFormat(_ path: String) -> String {
    switch (path as NSString).pathExtension.lowercased() {
    case "h5": return "application/x-hdf5"
    case "png": return "image/png"
    case "pdf": return "application/pdf"
    case "svg": return "image/svg+xml"
    case "json": return "application/json"
    case "md": return "text/markdown"
    case "swift": return "text/x-swift"
    case "cff", "yml", "yaml": return "application/yaml"
    case "gp": return "text/x-gnuplot"
    default: return "text/plain"
    }
  }
}

/// A file as written into a bundle: its SHA-256 (hex) and size in bytes.
struct StagedFile {
  let sha256: String
  let size: Int
}
