import CHDF5

/// Reading and writing datasets (stored as IEEE F64LE and STD I64LE).
extension H5Group {
  /// Writes a new dataset of doubles. Shape `[]` is a scalar; zero extents are allowed.
  /// An existing name or a missing parent group is an error.
  public func write(_ name: String, _ array: NDArray<Double>) throws {
    try writeArray(
      name, array, fileType: repro_H5T_IEEE_F64LE(), memoryType: repro_H5T_NATIVE_DOUBLE())
  }

  /// Writes a new dataset of 64-bit integers (see `write(_:_:)` for doubles).
  public func write(_ name: String, _ array: NDArray<Int64>) throws {
    try writeArray(
      name, array, fileType: repro_H5T_STD_I64LE(), memoryType: repro_H5T_NATIVE_INT64())
  }

  /// Reads a floating-point dataset (of any precision). Integer datasets are an error, not converted.
  public func readDoubles(_ name: String) throws -> NDArray<Double> {
    try readArray(
      name, kind: .double, memoryType: repro_H5T_NATIVE_DOUBLE(), zero: 0.0,
      action: "cannot read doubles from dataset")
  }

  /// Reads an integer dataset (any width that fits in Int64). Floating-point datasets are an error.
  public func readInt64s(_ name: String) throws -> NDArray<Int64> {
    try readArray(
      name, kind: .int64, memoryType: repro_H5T_NATIVE_INT64(), zero: Int64(0),
      action: "cannot read integers from dataset")
  }

  /// What the dataset `name` holds; an error if it is missing or not a dataset.
  public func datasetKind(_ name: String) throws -> DatasetKind {
    let action = "cannot inspect dataset"
    return try withHDF5 {
      let full = try childPath(name, action)
      let fid = try handle.fileID(action, full)
      let dataset = try handle.openObject(fid, full, as: H5I_DATASET, action)
      defer { H5Oclose(dataset) }
      let type = try handle.check(H5Dget_type(dataset), action, full)
      defer { H5Tclose(type) }
      return DataTypes.kind(type)
    }
  }

  private func writeArray<Element>(
    _ name: String, _ array: NDArray<Element>, fileType: hid_t, memoryType: hid_t
  ) throws {
    let action = "cannot write dataset"
    try withHDF5 {
      let full = try childPath(name, action)
      // `shape` and `values` are public vars, so they may have drifted apart.
      guard array.shape.allSatisfy({ $0 >= 0 }), array.shape.reduce(1, *) == array.count else {
        throw handle.error(
          action, full, "shape \(array.shape) does not match \(array.count) values")
      }
      let fid = try handle.writableFileID(action, full)
      try handle.requireParentGroup(fid, full, action)
      try handle.requireAbsent(fid, full, action)
      let space = try handle.check(DataTypes.createSpace(array.shape), action, full)
      defer { H5Sclose(space) }
      // No creation/modification times in the object header: the same data, the same bytes.
      let dcpl = try handle.check(repro_untimed_creation_plist(repro_H5P_DATASET_CREATE()), action, full)
      defer { H5Pclose(dcpl) }
      let dataset = try handle.check(
        H5Dcreate2(fid, full, fileType, space, repro_H5P_DEFAULT(), dcpl, repro_H5P_DEFAULT()),
        action, full)
      defer { H5Dclose(dataset) }
      // libhdf5 rejects a null buffer even for zero elements, and there is nothing to write.
      guard array.count > 0 else { return }
      let status = array.values.withUnsafeBytes {
        H5Dwrite(
          dataset, memoryType, repro_H5S_ALL(), repro_H5S_ALL(), repro_H5P_DEFAULT(),
          $0.baseAddress)
      }
      if status < 0 {
        let error = handle.error(action, full)
        H5Ldelete(fid, full, repro_H5P_DEFAULT())
        throw error
      }
    }
  }

  private func readArray<Element>(
    _ name: String, kind: DatasetKind, memoryType: hid_t, zero: Element, action: String
  ) throws -> NDArray<Element> {
    try withHDF5 {
      let full = try childPath(name, action)
      let fid = try handle.fileID(action, full)
      let dataset = try handle.openObject(fid, full, as: H5I_DATASET, action)
      defer { H5Oclose(dataset) }
      let type = try handle.check(H5Dget_type(dataset), action, full)
      defer { H5Tclose(type) }
      guard DataTypes.kind(type) == kind else {
        let hint =
          switch DataTypes.kind(type) {
          case .double: "; use readDoubles"
          case .int64: "; use readInt64s"
          case .other: ""
          }
        throw handle.error(action, full, "it holds \(DataTypes.describe(type))\(hint)")
      }
      let space = try handle.check(H5Dget_space(dataset), action, full)
      defer { H5Sclose(space) }
      guard let shape = DataTypes.shape(space) else {
        throw handle.error(action, full, "it has an empty (null) or unreadable dataspace")
      }
      let size = MemoryLayout<Element>.stride
      if let refusal = StoredSize.refusal(
        shape, elementSize: size, inFile: StoredSize.storedInFile(dataset), fid: fid)
      {
        throw handle.error(action, full, refusal)
      }
      var values = [Element](repeating: zero, count: shape.reduce(1, *))
      if !values.isEmpty {
        let status = values.withUnsafeMutableBytes {
          H5Dread(
            dataset, memoryType, repro_H5S_ALL(), repro_H5S_ALL(), repro_H5P_DEFAULT(),
            $0.baseAddress)
        }
        try handle.check(status, action, full)
      }
      return NDArray(shape: shape, values: values)
    }
  }
}
