import Foundation
import HDF5

extension ClaimStore {
  /// A control outcome as stored: plain text, readable without the module. As `Entry.control` it is the claim's
  /// combined status with the summary control's description, settings and observation (kind and preset unset);
  /// in `Entry.controls` it is one declared control with its own status, value and margin.
  public struct ControlRecord: Sendable {
    public var status: ControlOutcome.Status
    public var description: String
    public var settings: String
    /// The claim's observation on the control run.
    public var observed: String
    /// The control's kind; nil in the summary record.
    public var kind: Control.Kind?
    /// "quick" or "paper"; "" in the summary record.
    public var preset: String
    /// The claim's value on the control run: the verdict with the same statement (else the only one); NaN when it
    /// was not run or has several verdicts none of which matches.
    public var value: Double
    /// The sigmas of that verdict's margin on the control (negative: it fails there, by that many spreads); NaN
    /// when there is none.
    public var marginSigmas: Double
    /// Whether that margin is an exact tie (on its threshold with no seed spread: `Margin.exact`); false when there
    /// is none, and in a file written before it was stored.
    public var marginExact: Bool

    /// The summary record of a claim's outcome: the combined status, the primary control's text.
    public init(_ outcome: ControlOutcome) {
      self.init(
        status: outcome.status, description: outcome.control?.description ?? "",
        settings: outcome.control?.settings ?? "", observed: outcome.observed)
    }

    /// One control's record, for the verdict with `statement`.
    public init(_ run: ControlOutcome.Run, for statement: String) {
      let matching =
        run.verdicts.first { $0.statement == statement } ?? (run.verdicts.count == 1 ? run.verdicts[0] : nil)
      self.init(
        status: run.status, description: run.control.description, settings: run.control.settings,
        observed: matching?.observed ?? run.observed, kind: run.control.kind, preset: run.control.preset.rawValue,
        value: matching?.value ?? .nan, marginSigmas: matching?.margin?.sigmas ?? .nan,
        marginExact: matching?.margin?.exact ?? false)
    }

    public init(
      status: ControlOutcome.Status, description: String, settings: String, observed: String,
      kind: Control.Kind? = nil, preset: String = "", value: Double = .nan, marginSigmas: Double = .nan,
      marginExact: Bool = false
    ) {
      self.status = status
      self.description = description
      self.settings = settings
      self.observed = observed
      self.kind = kind
      self.preset = preset
      self.value = value
      self.marginSigmas = marginSigmas
      self.marginExact = marginExact
    }

    /// The control's margin as shown: "−2.1σ", "0, exactly (no seed spread)"; nil when there is none.
    public var marginText: String? {
      marginSigmas.isNaN ? nil : Margin.text(sigmas: marginSigmas, exact: marginExact)
    }

    /// For a single control: "control fails ✓", "CANNOT FAIL", "control not run"; for the summary: the combined
    /// status's label.
    public var label: String { ControlOutcome.label(status) }
    public var acceptable: Bool { ControlOutcome.acceptable(status) }

    /// `/claims/cNNN/controls/kNNN`: kind, description, settings, preset, status, observed, value, margin_sigmas,
    /// margin_exact (1 for an exact tie).
    func store(in g: H5Group) throws {
      try g.setAttribute("kind", .string(kind?.rawValue ?? ""))
      try g.setAttribute("description", .string(description))
      try g.setAttribute("settings", .string(settings))
      try g.setAttribute("preset", .string(preset))
      try g.setAttribute("status", .string(status.rawValue))
      try g.setAttribute("observed", .string(observed))
      try g.setAttribute("value", .double(value))
      try g.setAttribute("margin_sigmas", .double(marginSigmas))
      try g.setAttribute("margin_exact", .int(marginExact ? 1 : 0))
    }

    /// One stored control; nil when an attribute is missing or of the wrong type (a damaged group).
    static func read(_ g: H5Group) -> ControlRecord? {
      func text(_ a: String) -> String? {
        if case .string(let s)? = try? g.attribute(a) { return s }
        return nil
      }
      guard let kindText = text("kind"), let kind = Control.Kind(rawValue: kindText),
        let description = text("description"),
        let settings = text("settings"), let preset = text("preset"), Preset(rawValue: preset) != nil,
        let status = text("status").flatMap(ControlOutcome.Status.init(rawValue:)), let observed = text("observed"),
        case .double(let value)? = try? g.attribute("value"),
        case .double(let sigmas)? = try? g.attribute("margin_sigmas")
      else { return nil }
      // Optional: a file written before exact ties were told apart has none (read as not exact).
      var exact = false
      if case .int(let e)? = try? g.attribute("margin_exact") { exact = e == 1 }
      return ControlRecord(
        status: status, description: description, settings: settings, observed: observed, kind: kind, preset: preset,
        value: value, marginSigmas: sigmas, marginExact: exact)
    }
  }
}

extension ClaimStore.ControlRecord: Equatable {
  /// Equal field by field, a NaN equal to a NaN (a stored record reads back equal to the computed one).
  public static func == (a: Self, b: Self) -> Bool {
    a.status == b.status && a.description == b.description && a.settings == b.settings && a.observed == b.observed
      && a.kind == b.kind && a.preset == b.preset && same(a.value, b.value) && same(a.marginSigmas, b.marginSigmas)
      && a.marginExact == b.marginExact
  }
}
