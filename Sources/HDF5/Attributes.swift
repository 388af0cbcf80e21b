import CHDF5

/// Attributes on this group, or on one of its child datasets.
extension H5Group {
  /// Sets attribute `name` on this group, replacing any existing value.
  public func setAttribute(_ name: String, _ value: AttributeValue) throws {
    try onObject(dataset: nil, "cannot write attribute '\(name)' of") { id, path, action in
      try writeAttribute(name, value, on: id, path, action)
    }
  }

  /// The value of attribute `name` of this group; an error if it is missing.
  public func attribute(_ name: String) throws -> AttributeValue {
    try onObject(dataset: nil, "cannot read attribute '\(name)' of") { id, path, action in
      try readAttribute(name, of: id, path, action)
    }
  }

  /// The names of this group's attributes, sorted.
  public func attributeNames() throws -> [String] {
    try onObject(dataset: nil, "cannot list attributes of") { id, path, action in
      try listAttributes(of: id, path, action)
    }
  }

  /// Sets attribute `name` on the child dataset `dataset`, replacing any existing value.
  public func setAttribute(_ name: String, _ value: AttributeValue, onDataset dataset: String)
    throws
  {
    try onObject(dataset: dataset, "cannot write attribute '\(name)' of") { id, path, action in
      try writeAttribute(name, value, on: id, path, action)
    }
  }

  /// The value of attribute `name` of the child dataset `dataset`; an error if it is missing.
  public func attribute(_ name: String, ofDataset dataset: String) throws -> AttributeValue {
    try onObject(dataset: dataset, "cannot read attribute '\(name)' of") { id, path, action in
      try readAttribute(name, of: id, path, action)
    }
  }

  /// The names of the attributes of the child dataset `dataset`, sorted.
  public func attributeNames(ofDataset dataset: String) throws -> [String] {
    try onObject(dataset: dataset, "cannot list attributes of") { id, path, action in
      try listAttributes(of: id, path, action)
    }
  }

  // MARK: Implementation (everything below runs under the lock)

  /// Opens this group (`dataset == nil`) or the child dataset and runs `body` on it.
  private func onObject<T>(
    dataset: String?, _ action: String, _ body: (hid_t, String, String) throws -> T
  ) throws -> T {
    try withHDF5 {
      let full = try dataset.map { try childPath($0, action) } ?? path
      let fid = try handle.fileID(action, full)
      let type = dataset == nil ? H5I_GROUP : H5I_DATASET
      let id = try handle.openObject(fid, full, as: type, action)
      defer { H5Oclose(id) }
      return try body(id, full, action)
    }
  }

  private func writeAttribute(
    _ name: String, _ value: AttributeValue, on object: hid_t, _ path: String, _ action: String
  ) throws {
    guard handle.writable else { throw handle.error(action, path, "the file is open read-only") }
    guard !name.isEmpty else { throw handle.error(action, path, "empty attribute name") }
    if try handle.check(H5Aexists(object, name), action, path) > 0 {
      try handle.check(H5Adelete(object, name), action, path)
    }
    switch value {
    case .string(let text):
      // Variable-length UTF-8 (h5py reads a Python `str`, h5dump shows the text); a NUL would end the text.
      let type = try handle.check(H5Tcopy(repro_H5T_C_S1()), action, path)
      defer { H5Tclose(type) }
      try handle.check(H5Tset_size(type, repro_H5T_VARIABLE()), action, path)
      try handle.check(H5Tset_cset(type, H5T_CSET_UTF8), action, path)
      try text.withCString { characters in
        try createAttribute(
          name, on: object, type: type, memoryType: type, shape: [], [Optional(characters)], path, action)
      }
    case .double(let number):
      try createAttribute(
        name, on: object, type: repro_H5T_IEEE_F64LE(), memoryType: repro_H5T_NATIVE_DOUBLE(),
        shape: [], [number], path, action)
    case .int(let number):
      try createAttribute(
        name, on: object, type: repro_H5T_STD_I64LE(), memoryType: repro_H5T_NATIVE_INT64(),
        shape: [], [number], path, action)
    case .doubles(let numbers):
      try createAttribute(
        name, on: object, type: repro_H5T_IEEE_F64LE(), memoryType: repro_H5T_NATIVE_DOUBLE(),
        shape: [numbers.count], numbers, path, action)
    case .ints(let numbers):
      try createAttribute(
        name, on: object, type: repro_H5T_STD_I64LE(), memoryType: repro_H5T_NATIVE_INT64(),
        shape: [numbers.count], numbers, path, action)
    }
  }

  private func createAttribute<Element>(
    _ name: String, on object: hid_t, type: hid_t, memoryType: hid_t, shape: [Int],
    _ values: [Element], _ path: String, _ action: String
  ) throws {
    let space = try handle.check(DataTypes.createSpace(shape), action, path)
    defer { H5Sclose(space) }
    let attribute = try handle.check(
      H5Acreate2(object, name, type, space, repro_H5P_DEFAULT(), repro_H5P_DEFAULT()),
      action, path)
    defer { H5Aclose(attribute) }
    guard !values.isEmpty else { return }
    let status = values.withUnsafeBytes { H5Awrite(attribute, memoryType, $0.baseAddress) }
    try handle.check(status, action, path)
  }

  private func readAttribute(
    _ name: String, of object: hid_t, _ path: String, _ action: String
  ) throws -> AttributeValue {
    guard try handle.check(H5Aexists(object, name), action, path) > 0 else {
      throw handle.error(action, path, "no such attribute")
    }
    let attribute = try handle.check(H5Aopen(object, name, repro_H5P_DEFAULT()), action, path)
    defer { H5Aclose(attribute) }
    let type = try handle.check(H5Aget_type(attribute), action, path)
    defer { H5Tclose(type) }
    let space = try handle.check(H5Aget_space(attribute), action, path)
    defer { H5Sclose(space) }
    guard let shape = DataTypes.shape(space) else {
      throw handle.error(action, path, "it has an empty (null) or unreadable dataspace")
    }
    let fid = try handle.fileID(action, path)
    if let refusal = StoredSize.refusal(shape, elementSize: max(H5Tget_size(type), 1), inFile: true, fid: fid) {
      throw handle.error(action, path, refusal)
    }
    let count = shape.reduce(1, *)
    let unsupported = HDF5Error(
      file: handle.displayPath, object: path, action: action,
      reason: "unsupported: it holds \(DataTypes.describe(type))")

    switch H5Tget_class(type) {
    case H5T_STRING:
      guard count == 1 else {
        throw handle.error(action, path, "unsupported: it holds \(count) strings, not one")
      }
      return .string(try readString(attribute, type, path, action))
    case H5T_FLOAT:
      let values = try readNumbers(
        attribute, repro_H5T_NATIVE_DOUBLE(), count: count, zero: 0.0, path, action)
      return shape.isEmpty ? .double(values[0]) : .doubles(values)
    case H5T_INTEGER:
      guard DataTypes.kind(type) == .int64 else { throw unsupported }
      let values = try readNumbers(
        attribute, repro_H5T_NATIVE_INT64(), count: count, zero: Int64(0), path, action)
      return shape.isEmpty ? .int(values[0]) : .ints(values)
    default:
      throw unsupported
    }
  }

  private func readNumbers<Element>(
    _ attribute: hid_t, _ memoryType: hid_t, count: Int, zero: Element, _ path: String,
    _ action: String
  ) throws -> [Element] {
    var values = [Element](repeating: zero, count: count)
    if count > 0 {
      let status = values.withUnsafeMutableBytes { H5Aread(attribute, memoryType, $0.baseAddress) }
      try handle.check(status, action, path)
    }
    return values
  }

  /// Reads a one-element string attribute, fixed- or variable-length (as h5py writes).
  private func readString(_ attribute: hid_t, _ type: hid_t, _ path: String, _ action: String)
    throws -> String
  {
    if try handle.check(H5Tis_variable_str(type), action, path) > 0 {
      let memoryType = try handle.check(H5Tcopy(repro_H5T_C_S1()), action, path)
      defer { H5Tclose(memoryType) }
      try handle.check(H5Tset_size(memoryType, repro_H5T_VARIABLE()), action, path)
      try handle.check(H5Tset_cset(memoryType, H5Tget_cset(type)), action, path)
      var pointer: UnsafeMutablePointer<CChar>? = nil
      try handle.check(H5Aread(attribute, memoryType, &pointer), action, path)
      defer { if let pointer { H5free_memory(pointer) } }
      return pointer.map { String(cString: $0) } ?? ""
    }
    let size = H5Tget_size(type)
    guard size > 0 else { throw handle.error(action, path) }
    let memoryType = try handle.check(H5Tcopy(type), action, path)
    defer { H5Tclose(memoryType) }
    var bytes = [UInt8](repeating: 0, count: size)
    let status = bytes.withUnsafeMutableBytes { H5Aread(attribute, memoryType, $0.baseAddress) }
    try handle.check(status, action, path)
    switch H5Tget_strpad(type) {
    case H5T_STR_NULLTERM:
      if let end = bytes.firstIndex(of: 0) { bytes.removeSubrange(end...) }
    case H5T_STR_SPACEPAD:
      while bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
    default:
      while bytes.last == 0 { bytes.removeLast() }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private func listAttributes(of object: hid_t, _ path: String, _ action: String) throws
    -> [String]
  {
    let collector = NameCollector()
    let visit: H5A_operator2_t = { _, name, _, data in
      guard let name, let data else { return -1 }
      Unmanaged<NameCollector>.fromOpaque(data).takeUnretainedValue().names.append(
        String(cString: name))
      return 0
    }
    let status = withExtendedLifetime(collector) {
      H5Aiterate2(
        object, H5_INDEX_NAME, H5_ITER_INC, nil, visit,
        Unmanaged.passUnretained(collector).toOpaque())
    }
    try handle.check(status, action, path)
    return collector.names.sorted()
  }
}

/// Collects attribute names during `H5Aiterate2`.
private final class NameCollector {
  var names: [String] = []
}
