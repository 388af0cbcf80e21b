/// What a dataset holds, as far as this API can read it.
public enum DatasetKind: Sendable, Equatable {
  /// Floating point of any precision; read with `readDoubles`.
  case double
  /// Integers that fit in `Int64` (signed up to 64 bits, unsigned up to 32); read with `readInt64s`.
  case int64
  /// Anything else (strings, compounds, unsigned 64-bit, ...); not readable here.
  case other
}
