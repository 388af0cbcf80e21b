/// Whether one row of `repro diff` is within its tolerance.
public enum DiffStatus: String, Sendable {
  case same, differs
}

/// What every row of `repro diff` shows, whether it compares a dataset (`DatasetDiff`) or a stored claim
/// (`ClaimDiff`): the largest differences found, the tolerance they were held to and where it comes from.
public protocol DiffRow: Sendable {
  /// `/scalars/steps`, `/points/*/flip_radius`, `/claims/c000`.
  var name: String { get }
  /// What was compared: "raw", "mean over seeds", "mean of all", "claim verdict", "claim value".
  var level: String { get }
  var shape: String { get }
  var tolerance: Tolerance { get }
  /// Where the tolerance comes from: "exact" (integers, verdicts), "measured ×10" (the safety factor times the
  /// move measured by `repro sensitivity`), or "tight" (nothing measured: same machine, same bytes).
  var basis: String { get }
  var maxAbsolute: Double { get set }
  var maxRelative: Double { get set }
  var status: DiffStatus { get set }
  /// Why it differs beyond the numbers (missing, shape, type, a verdict that changed).
  var note: String { get set }
}

/// A diff: its rows (datasets, then claims), and the platforms the two files were made on.
public struct DiffReport: Sendable {
  /// One row per dataset (per-point arrays gathered by name), plus the aggregates of rounding-sensitive ones.
  public var datasets: [DatasetDiff]
  /// Two rows per stored claim: its verdict and its value.
  public var claims: [ClaimDiff]
  public var resultPlatform: Platform?
  public var baselinePlatform: Platform?
  /// The stored sensitivity the tolerances came from, if any.
  public var sensitivity: SensitivityReport?
  /// Notes for the reader: why some rows were also compared as aggregates, what was not measured.
  public var notes: [String]

  /// Every row, in the order `repro diff` prints them: the datasets, then the claims.
  public var rows: [any DiffRow] { datasets + claims }
  public var differing: [any DiffRow] { rows.filter { $0.status == .differs } }
}
