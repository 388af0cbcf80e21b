import CHDF5
import Foundation

/// The libhdf5 file id shared by an `H5File` and all its groups. The id is
/// closed, and an uncommitted temporary file removed, when the last of them
/// goes away. Mutable state is only touched while holding the libhdf5 lock.
final class H5FileID: @unchecked Sendable {
  /// The libhdf5 id, or -1 once closed (after `commit`).
  var id: hid_t
  /// The path callers know the file by (used in error messages).
  let displayPath: String
  /// False for files opened with `H5File.open`.
  let writable: Bool
  /// The temporary file being written, until it is renamed into place.
  var temporaryPath: String?

  init(id: hid_t, displayPath: String, writable: Bool, temporaryPath: String?) {
    self.id = id
    self.displayPath = displayPath
    self.writable = writable
    self.temporaryPath = temporaryPath
  }

  /// Set once a libhdf5 call on this writable file failed (a full disk, mostly): its metadata cache may
  /// then be inconsistent, and closing it can crash inside libhdf5, so the id is abandoned, not closed.
  var failed = false

  deinit {
    withHDF5 {
      if id >= 0 && !failed { _ = H5Fclose(id) }
      if let temporaryPath { _ = unlink(temporaryPath) }
    }
  }

  // MARK: Errors (call under the lock)

  /// An error about `object`; `reason` defaults to libhdf5's own message.
  func error(_ action: String, _ object: String?, _ reason: String? = nil) -> HDF5Error {
    HDF5Error(
      file: displayPath, object: object, action: action, reason: reason ?? hdf5StackMessage())
  }

  /// Returns `result`, or throws if libhdf5 signalled failure (a negative value).
  @discardableResult
  func check<I: BinaryInteger>(_ result: I, _ action: String, _ object: String?) throws -> I {
    if result < 0 {
      if writable { failed = true }
      throw error(action, object)
    }
    return result
  }

  /// The open file id, or an error if the file has been committed.
  func fileID(_ action: String, _ object: String?) throws -> hid_t {
    guard id >= 0 else {
      throw error(action, object, "the file has already been committed and closed")
    }
    return id
  }

  /// The open file id, or an error if the file is read-only or closed.
  func writableFileID(_ action: String, _ object: String?) throws -> hid_t {
    let id = try fileID(action, object)
    guard writable else { throw error(action, object, "the file is open read-only") }
    return id
  }

  // MARK: Objects (call under the lock)

  /// Whether every link along the absolute `path` exists.
  func linkExists(_ fid: hid_t, _ path: String) -> Bool {
    for prefix in H5Path.prefixes(path) where H5Lexists(fid, prefix, repro_H5P_DEFAULT()) <= 0 {
      return false
    }
    return true
  }

  /// The type (H5I_GROUP, H5I_DATASET, ...) of the object at `path`, or nil if it cannot be opened.
  func objectType(_ fid: hid_t, _ path: String) -> H5I_type_t? {
    guard linkExists(fid, path) else { return nil }
    let oid = H5Oopen(fid, path, repro_H5P_DEFAULT())
    guard oid >= 0 else { return nil }
    defer { H5Oclose(oid) }
    return H5Iget_type(oid)
  }

  /// Opens the object at `path`, which must be of type `expected`; close it with `H5Oclose`.
  func openObject(_ fid: hid_t, _ path: String, as expected: H5I_type_t, _ action: String) throws
    -> hid_t
  {
    guard linkExists(fid, path) else { throw error(action, path, "no such object") }
    let oid = try check(H5Oopen(fid, path, repro_H5P_DEFAULT()), action, path)
    let actual = H5Iget_type(oid)
    guard actual == expected else {
      H5Oclose(oid)
      throw error(action, path, "it is \(Self.describe(actual)), not \(Self.describe(expected))")
    }
    return oid
  }

  /// Throws unless the parent of `path` exists and is a group.
  func requireParentGroup(_ fid: hid_t, _ path: String, _ action: String) throws {
    let parent = H5Path.parent(path)
    guard parent != "/" else { return }
    guard let type = objectType(fid, parent) else {
      throw error(action, path, "parent group '\(parent)' does not exist")
    }
    guard type == H5I_GROUP else {
      throw error(action, path, "parent '\(parent)' is \(Self.describe(type)), not a group")
    }
  }

  /// Throws if anything is already linked at `path` (no silent overwrites).
  func requireAbsent(_ fid: hid_t, _ path: String, _ action: String) throws {
    if linkExists(fid, path) {
      throw error(action, path, "an object with this name already exists")
    }
  }

  static func describe(_ type: H5I_type_t) -> String {
    switch type {
    case H5I_GROUP: "a group"
    case H5I_DATASET: "a dataset"
    case H5I_DATATYPE: "a named datatype"
    default: "an object of unknown kind"
    }
  }
}
