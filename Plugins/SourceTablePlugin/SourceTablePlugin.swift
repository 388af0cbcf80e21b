import Foundation
import PackagePlugin

/// Hashes the package's sources at build time into the target it is applied to, so that the binary knows the
/// sources it was built from (`BuiltSources.table`): every regular file of `Package.swift`, `Sources/` and
/// `experiments/` (hidden files skipped), path → SHA-256. The files are the command's inputs, so an edit
/// reruns it, and the plugin lists them at every build, so a new file is picked up.
@main struct SourceTablePlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let root = context.package.directoryURL
    let output = context.pluginWorkDirectoryURL.appending(path: "BuiltSourceTable.swift")
    var inputs = [root.appending(path: "Package.swift")]
    for directory in ["Sources", "experiments"] {
      inputs += regularFiles(under: root.appending(path: directory))
    }
    return [
      .buildCommand(
        displayName: "Hashing the sources into \(target.name)",
        executable: try context.tool(named: "source-table").url,
        arguments: [root.path, output.path],
        inputFiles: inputs,
        outputFiles: [output])
    ]
  }

  private func regularFiles(under directory: URL) -> [URL] {
    guard
      let walker = FileManager.default.enumerator(
        at: directory, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    else { return [] }
    return walker.compactMap { $0 as? URL }.filter {
      (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
    }
  }
}
