/// A negative control: a run of the same module with other parameters, on which the claim's prediction must not
/// hold. A claim that also holds there proves nothing.
///
/// Two kinds (issue 24): a **wrong-regime** control breaks the theory's premise (or measures a network the theory
/// does not cover), and the prediction must fail there *for the reason the theory gives*; an **instrument** check
/// only shows that the instrument is wired (an untrained network, `max_steps=2`, a search that finds nothing and
/// returns NaN). Every prediction needs at least one wrong-regime control; instrument checks are extra.
///
/// A control runs at the quick preset with its overrides, or at the paper preset (its seeds and sizes) when the
/// quick preset's interval would be wider than the claim's band: a control fails on its value, not on noise.
public struct Control: Sendable, Equatable {
  public enum Kind: String, Sendable, CaseIterable {
    /// The theory's premise broken, or a network the theory does not cover: the prediction must fail for the
    /// theory's reason.
    case wrongRegime = "wrong-regime"
    /// A check that the instrument is wired (untrained, max_steps=2, a NaN search): never a prediction's only control.
    case instrument

    /// "wrong regime", "instrument".
    public var label: String { self == .wrongRegime ? "wrong regime" : "instrument" }
  }

  public let description: String
  public let overrides: [String]
  public let kind: Kind
  /// The preset the overrides apply to: `.quick` (the default) or `.paper`.
  public let preset: Preset

  public init(description: String, overrides: [String], kind: Kind = .instrument, preset: Preset = .quick) {
    self.description = description
    self.overrides = overrides
    self.kind = kind
    self.preset = preset
  }

  /// "max_steps=2 direction=random": the parameters, as a user would type them after --set.
  public var settings: String { overrides.joined(separator: " ") }

  /// A directory name for the control's results: "max_steps-2_direction-random" at the quick preset (as before
  /// control kinds existed), "paper-preset_max_steps-2" at the paper preset, so the two runs never share a
  /// directory. The kind and description do not enter it: controls with the same run share it.
  public var slug: String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._")
    let base = String(overrides.joined(separator: "_").map { allowed.contains($0) ? $0 : "-" })
    return preset == .quick ? base : "\(preset.rawValue)-preset_" + base
  }
}

extension Control: Hashable {
  public func hash(into h: inout Hasher) {
    h.combine(description)
    h.combine(overrides)
    h.combine(kind)
    h.combine(preset)
  }
}
