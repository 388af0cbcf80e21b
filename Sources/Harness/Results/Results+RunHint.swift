import Foundation

extension Results {
  /// The command that writes the result file at `path` (issue 28): `repro run <id>`, with `--preset quick` or
  /// `--preset cluster` when the file's folder is that preset's default one (`results/quick/`), and with
  /// `--results <folder>` when the folder is no preset's default (its preset then unknown to the path: a folder
  /// named after a preset, e.g. `/tmp/quick`, is taken to hold that preset's results; any other gets the paper's).
  public static func runCommand(for path: String) -> String {
    let id = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let parent = (path as NSString).deletingLastPathComponent
    var folder = parent.isEmpty ? "." : (parent as NSString).standardizingPath
    while folder.hasPrefix("./") { folder.removeFirst(2) }
    let here = FileManager.default.currentDirectoryPath
    let isDefault = { (preset: Preset) in
      let d = Workspace.defaultResults(preset)
      return folder == d || folder == ((here as NSString).appendingPathComponent(d) as NSString).standardizingPath
    }
    func presetOption(_ preset: Preset) -> String { preset == .paper ? "" : " --preset \(preset.rawValue)" }
    if let preset = Preset.allCases.first(where: isDefault) {
      return "repro run \(shellQuoted(id))\(presetOption(preset))"
    }
    let named = Preset(rawValue: (folder as NSString).lastPathComponent) ?? .paper
    return "repro run \(shellQuoted(id))\(presetOption(named)) --results \(shellQuoted(folder))"
  }
}
