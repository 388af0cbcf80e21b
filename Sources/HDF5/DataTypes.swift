import CHDF5

/// Classification of libhdf5 datatypes and dataspaces (call under the lock).
enum DataTypes {
  /// Which reader can return data of type `tid`.
  static func kind(_ tid: hid_t) -> DatasetKind {
    let size = H5Tget_size(tid)
    switch H5Tget_class(tid) {
    case H5T_FLOAT:
      return .double
    case H5T_INTEGER:
      let signed = H5Tget_sign(tid) == H5T_SGN_2
      return size > 0 && (signed ? size <= 8 : size < 8) ? .int64 : .other
    default:
      return .other
    }
  }

  /// A short description such as "64-bit floating point numbers", for error messages.
  static func describe(_ tid: hid_t) -> String {
    let bits = H5Tget_size(tid) * 8
    switch H5Tget_class(tid) {
    case H5T_FLOAT: return "\(bits)-bit floating point numbers"
    case H5T_INTEGER:
      let sign = H5Tget_sign(tid) == H5T_SGN_2 ? "signed" : "unsigned"
      return "\(bits)-bit \(sign) integers"
    case H5T_STRING: return "strings"
    case H5T_COMPOUND: return "compound values"
    case H5T_ENUM: return "enumeration values"
    case H5T_ARRAY: return "array values"
    case H5T_VLEN: return "variable-length sequences"
    case H5T_OPAQUE: return "opaque values"
    case H5T_BITFIELD: return "bitfields"
    case H5T_REFERENCE: return "references"
    default: return "values of an unsupported type"
    }
  }

  /// A new dataspace for `shape` (`[]` is a scalar); close it with `H5Sclose`.
  static func createSpace(_ shape: [Int]) -> hid_t {
    if shape.isEmpty { return H5Screate(H5S_SCALAR) }
    let dims = shape.map { hsize_t($0) }
    return H5Screate_simple(Int32(dims.count), dims, nil)
  }

  /// The shape of dataspace `sid` (`[]` for a scalar), or nil for a null (empty) dataspace or on failure.
  static func shape(_ sid: hid_t) -> [Int]? {
    switch H5Sget_simple_extent_type(sid) {
    case H5S_SCALAR:
      return []
    case H5S_SIMPLE:
      let rank = H5Sget_simple_extent_ndims(sid)
      guard rank >= 0 else { return nil }
      var dims = [hsize_t](repeating: 0, count: Int(rank))
      guard H5Sget_simple_extent_dims(sid, &dims, nil) >= 0 else { return nil }
      // An extent beyond Int (a damaged file) saturates, so `StoredSize` refuses it instead of trapping here.
      return dims.map { Int(exactly: $0) ?? Int.max }
    default:
      return nil
    }
  }
}
