import HDF5

/// One dataset of a result file as `repro diff` compares it: its shape and its values, as doubles or as
/// 64-bit integers (neither for a dataset of another type, e.g. strings).
struct StoredDataset {
  var shape: [Int]
  var doubles: [Double]?
  var ints: [Int64]?
}

extension Baselines {
  /// Every dataset outside `/claims`, by path.
  static func datasets(_ path: String) throws -> [String: StoredDataset] {
    let file = try H5File.open(path)
    var out: [String: StoredDataset] = [:]
    func walk(_ group: H5Group) throws {
      for name in try group.children() where !(group.path == "/" && name == "claims") {
        if try group.isGroup(name) {
          try walk(try group.group(name))
          continue
        }
        let full = (group.path == "/" ? "" : group.path) + "/" + name
        switch try group.datasetKind(name) {
        case .double:
          let a = try group.readDoubles(name)
          out[full] = StoredDataset(shape: a.shape, doubles: a.values)
        case .int64:
          let a = try group.readInt64s(name)
          out[full] = StoredDataset(shape: a.shape, ints: a.values)
        case .other:
          out[full] = StoredDataset(shape: [])
        }
      }
    }
    try walk(file.root)
    return out
  }
}
