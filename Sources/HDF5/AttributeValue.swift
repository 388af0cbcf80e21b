/// The value of an HDF5 attribute.
///
/// Stored as: `string` → scalar variable-length UTF-8 string (h5py reads `str`); `double` / `int` →
/// scalar IEEE F64LE / STD I64LE; `doubles` / `ints` → 1-D arrays of those.
public enum AttributeValue: Sendable, Equatable {
  case string(String)
  case double(Double)
  case int(Int64)
  case doubles([Double])
  case ints([Int64])
}
