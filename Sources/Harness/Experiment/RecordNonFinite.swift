import HDF5

/// Which non-finite values a recorded value may legitimately hold: NaN (e.g. "NaN if none within 10‖x_i‖",
/// "NaN for restarts that did not converge") and ±∞ (e.g. "+∞ beyond the grid"). A module declares them where
/// it sets the value, and its description says when; the runner stops a point that records any other
/// non-finite value, since a NaN or ∞ nobody declared is a computation that broke (an overflow, a division by
/// zero), not a number to store.
public struct NonFinite: OptionSet, Sendable, Hashable {
  public let rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }

  public static let nan = NonFinite(rawValue: 1)
  public static let infinity = NonFinite(rawValue: 2)
}

extension Record {
  /// A scalar that may be NaN or ±∞ as `allowing` declares (the description says when).
  public mutating func set(
    _ name: String, _ value: Double, _ description: String, units: String? = nil, allowing: NonFinite
  ) {
    set(name, value, description, units: units)
    declare(name, allowing)
  }

  /// A 1-D array whose entries may be NaN or ±∞ as `allowing` declares (the description says when).
  public mutating func set(
    _ name: String, _ values: [Double], _ description: String, units: String? = nil, allowing: NonFinite
  ) {
    set(name, values, description, units: units)
    declare(name, allowing)
  }

  public mutating func set(
    _ name: String, _ array: NDArray<Double>, _ description: String, units: String? = nil, allowing: NonFinite
  ) {
    set(name, array, description, units: units)
    declare(name, allowing)
  }

  private mutating func declare(_ name: String, _ allowing: NonFinite) {
    guard var i = info[name] else { return }
    i.allows = allowing
    setInfo(name, i)
  }

  /// A recorded value holding NaN or ±∞ that the module does not declare: how many of each, of how many.
  public struct UndeclaredNonFinite: Sendable, Equatable {
    public var name: String
    public var nan: Int
    public var infinite: Int
    public var count: Int

    /// "131 NaN and 2 infinite values among its 400"
    public var summary: String {
      let parts = [nan > 0 ? "\(nan) NaN" : nil, infinite > 0 ? "\(infinite) infinite" : nil].compactMap { $0 }
      return parts.joined(separator: " and ") + (count == 1 ? "" : " value(s) among its \(count)")
    }

    /// What to write where it is set, to declare them legitimate.
    public var declaration: String {
      nan > 0 && infinite > 0 ? "[.nan, .infinity]" : nan > 0 ? ".nan" : ".infinity"
    }
  }

  /// The values holding NaN or ±∞ that their declaration does not allow, in the order they were set.
  public var undeclaredNonFinite: [UndeclaredNonFinite] {
    var out: [UndeclaredNonFinite] = []
    func check(_ name: String, _ values: [Double]) {
      let allows = info[name]?.allows ?? []
      let nan = allows.contains(.nan) ? 0 : values.filter(\.isNaN).count
      let infinite = allows.contains(.infinity) ? 0 : values.filter(\.isInfinite).count
      if nan + infinite > 0 {
        out.append(UndeclaredNonFinite(name: name, nan: nan, infinite: infinite, count: values.count))
      }
    }
    for (name, value) in scalars { check(name, [value]) }
    for (name, array) in arrays { check(name, array.values) }
    return out
  }
}
