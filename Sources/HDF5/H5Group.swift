import CHDF5

/// A group in an HDF5 file (the root group is "/").
///
/// A group holds no open libhdf5 id of its own, only its path and a strong
/// reference to the file, which stays open while any of its groups exists.
/// Names given to its methods may be relative paths such as "a/b".
public final class H5Group: @unchecked Sendable {
  let handle: H5FileID
  /// The absolute path of this group: "/" or "/a/b".
  public let path: String

  init(handle: H5FileID, path: String) {
    self.handle = handle
    self.path = path
  }

  /// The file this group belongs to, as the caller named it.
  public var filePath: String { handle.displayPath }

  /// The absolute path of child `name`, or an error naming it (call under the lock).
  func childPath(_ name: String, _ action: String) throws -> String {
    guard let full = H5Path.join(path, name) else {
      throw handle.error(action, H5Path.display(path, name), "invalid object name '\(name)'")
    }
    return full
  }

  /// Creates the group `name`; its parent must exist and the name must be unused.
  public func createGroup(_ name: String) throws -> H5Group {
    let action = "cannot create group"
    return try withHDF5 {
      let full = try childPath(name, action)
      let fid = try handle.writableFileID(action, full)
      try handle.requireParentGroup(fid, full, action)
      try handle.requireAbsent(fid, full, action)
      // No creation/modification times in the object header: the same content, the same bytes.
      let gcpl = try handle.check(repro_untimed_creation_plist(repro_H5P_GROUP_CREATE()), action, full)
      defer { H5Pclose(gcpl) }
      let gid = try handle.check(
        H5Gcreate2(fid, full, repro_H5P_DEFAULT(), gcpl, repro_H5P_DEFAULT()), action, full)
      H5Gclose(gid)
      return H5Group(handle: handle, path: full)
    }
  }

  /// Removes the link `name` (a dataset or a whole group) from a writable file.
  public func remove(_ name: String) throws {
    let action = "cannot remove"
    try withHDF5 {
      let full = try childPath(name, action)
      let fid = try handle.writableFileID(action, full)
      guard handle.linkExists(fid, full) else { throw handle.error(action, full, "no such object") }
      try handle.check(H5Ldelete(fid, full, repro_H5P_DEFAULT()), action, full)
    }
  }

  /// Opens the existing group `name`.
  public func group(_ name: String) throws -> H5Group {
    let action = "cannot open group"
    return try withHDF5 {
      let full = try childPath(name, action)
      let fid = try handle.fileID(action, full)
      H5Oclose(try handle.openObject(fid, full, as: H5I_GROUP, action))
      return H5Group(handle: handle, path: full)
    }
  }

  /// Whether a link `name` (group, dataset, ...) exists. False for invalid names or a closed file.
  public func contains(_ name: String) -> Bool {
    withHDF5 {
      guard let full = H5Path.join(path, name), handle.id >= 0 else { return false }
      return handle.linkExists(handle.id, full)
    }
  }

  /// The names of this group's immediate children, sorted.
  public func children() throws -> [String] {
    let action = "cannot list group"
    return try withHDF5 {
      let fid = try handle.fileID(action, path)
      let gid = try handle.openObject(fid, path, as: H5I_GROUP, action)
      defer { H5Oclose(gid) }
      var info = H5G_info_t()
      try handle.check(H5Gget_info(gid, &info), action, path)
      var names: [String] = []
      for index in 0..<info.nlinks {
        let name = fetchString { buffer, size in
          H5Lget_name_by_idx(
            gid, ".", H5_INDEX_NAME, H5_ITER_INC, index, buffer, size, repro_H5P_DEFAULT())
        }
        guard let name else { throw handle.error(action, path) }
        names.append(name)
      }
      return names.sorted()
    }
  }

  /// Whether `name` is a group (false for a dataset); an error if it does not exist.
  public func isGroup(_ name: String) throws -> Bool {
    let action = "cannot inspect object"
    return try withHDF5 {
      let full = try childPath(name, action)
      let fid = try handle.fileID(action, full)
      guard handle.linkExists(fid, full) else { throw handle.error(action, full, "no such object") }
      guard let type = handle.objectType(fid, full) else { throw handle.error(action, full) }
      return type == H5I_GROUP
    }
  }
}

/// Calls a libhdf5 "get name" function twice: once for the length, once for the text.
func fetchString(_ call: (UnsafeMutablePointer<CChar>?, Int) -> Int) -> String? {
  let length = call(nil, 0)
  guard length >= 0 else { return nil }
  var buffer = [CChar](repeating: 0, count: length + 1)
  let written = buffer.withUnsafeMutableBufferPointer { call($0.baseAddress, length + 1) }
  guard written >= 0 else { return nil }
  return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
