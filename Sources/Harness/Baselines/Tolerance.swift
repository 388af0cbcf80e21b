/// How far a value may drift from its baseline: it passes when it is within
/// `absolute` or within `relative` of the baseline value.
public struct Tolerance: Sendable, Equatable, CustomStringConvertible {
  public var absolute: Double
  public var relative: Double

  public init(absolute: Double, relative: Double) {
    self.absolute = absolute
    self.relative = relative
  }

  /// Floats, by default: the same machine gives the same bytes; this leaves room for a BLAS kernel's rounding.
  public static let tight = Tolerance(absolute: 1e-12, relative: 1e-9)
  /// Integers, by default.
  public static let exact = Tolerance(absolute: 0, relative: 0)

  public var description: String {
    self == .exact ? "exact" : "abs \(formatNumber(absolute)) or rel \(formatNumber(relative))"
  }
}
