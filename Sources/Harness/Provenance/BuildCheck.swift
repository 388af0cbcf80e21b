import BuiltSources
import Foundation

/// A binary stores numbers only under the sources it was built from: when the tree on disk differs from them
/// for an experiment, its numbers would be credited to code that did not compute them, so every command that
/// stores numbers (run, a shard, merge, sensitivity, submit) refuses first.
extension SourceFingerprint {
  /// How `experiment`'s sources under `root` differ from those the binary was built from (`table`), as
  /// "changed: X", "added: Y", "removed: Z"; empty when they agree, or when the tree is not on disk (a binary
  /// away from its sources has only what it was built from).
  public static func changedSinceBuild(
    _ experiment: any Experiment.Type, root: String? = sourceRoot(), table: [String: String] = BuiltSources.table
  ) -> [String] {
    guard let root else { return [] }
    guard let onDisk = of(experiment, root: root) else { return ["the sources under \(root) are incomplete"] }
    return onDisk.changes(since: built(for: experiment, table: table).files)
  }

  /// Throws the one-line refusal when `experiment`'s sources changed since the build.
  public static func requireBuilt(
    _ experiment: any Experiment.Type, root: String? = sourceRoot(), table: [String: String] = BuiltSources.table
  ) throws(ReproError) {
    let changes = changedSinceBuild(experiment, root: root, table: table)
    guard !changes.isEmpty else { return }
    let shown = changes.prefix(3).joined(separator: ", ") + (changes.count > 3 ? ", … (\(changes.count) in all)" : "")
    throw .failed(
      "sources changed since the build: run `swift build -c release` or `make build` (\(experiment.id): \(shown))")
  }
}
