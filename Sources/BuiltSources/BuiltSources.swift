/// The sources this binary was built from: `table` (path → SHA-256, relative to the package root) is generated
/// at build time by the SourceTablePlugin (`Plugins/SourceTablePlugin`, running `Sources/source-table`), from
/// every file `SourceTree.paths` lists. `SourceFingerprint.built(for:)` selects an experiment's sources from it.
public enum BuiltSources {}
