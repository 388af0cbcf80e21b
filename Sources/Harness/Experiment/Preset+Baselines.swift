/// Which presets have baselines: `paper` and `quick` (blessed, diffed, measured by `repro sensitivity`); the
/// optional `cluster` preset (a finer grid for `repro submit`) has none, and the verbs that need one say so.
extension Preset {
  /// The presets `repro bless`, `diff` and `sensitivity` work on.
  public static let withBaselines: [Preset] = [.paper, .quick]

  public var hasBaselines: Bool { Self.withBaselines.contains(self) }

  /// Refuses a preset without baselines, in one line: `verb` is what was asked ("bless", "diff against").
  public func requireBaselines(_ verb: String) throws(ReproError) {
    guard hasBaselines else {
      throw .badValue(
        "the \(rawValue) preset has no baselines (it is a finer grid for repro submit, never blessed): \(verb) the paper or quick preset instead"
      )
    }
  }
}
