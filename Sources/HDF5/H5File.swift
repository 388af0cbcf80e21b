import CHDF5
import Foundation

/// An HDF5 file: either being created (visible only after `commit()`) or opened read-only.
public final class H5File: @unchecked Sendable {
  /// The path the file was created at or opened from (never the temporary name).
  public let path: String
  /// Where `commit()` renames the temporary: `path`, or the file it names when it is a symbolic link.
  private let target: String
  let handle: H5FileID

  private init(path: String, target: String, handle: H5FileID) {
    self.path = path
    self.target = target
    self.handle = handle
  }

  /// The root group "/". It keeps the file open even if this `H5File` goes away.
  public var root: H5Group { H5Group(handle: handle, path: "/") }

  /// Creates a new file that becomes visible at `path` only on `commit()`.
  ///
  /// It is written as ".<name>.tmp-<pid>-h<host>-<random>" in the same directory and
  /// renamed into place (atomic POSIX rename) by `commit()`; if it is never
  /// committed the temporary file is removed once the file and its groups are
  /// gone. Intermediate directories are created. An existing file at `path`
  /// is replaced on commit.
  /// `temporaryTag`, when not empty, joins the temporary name after the pid (e.g. a Slurm job and restart
  /// count, so that two copies of one task never share a temporary file).
  public static func create(atomicallyAt path: String, temporaryTag: String = "") throws -> H5File {
    let action = "cannot create file"
    guard !path.isEmpty, !path.hasSuffix("/") else {
      throw HDF5Error(file: path, object: nil, action: action, reason: "not a file path")
    }
    // A symbolic link is written through: the temporary beside the file it names (see `LinkTarget`).
    let target = try LinkTarget.resolve(path)
    let url = URL(fileURLWithPath: target)
    let directory = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      throw HDF5Error(file: path, object: nil, action: action, reason: "it is a directory")
    }
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw HDF5Error(
        file: path, object: nil, action: action,
        reason: "cannot create directory \(directory): \(fileSystemReason(error, path: directory))")
    }
    let suffix = String(UInt32.random(in: .min ... .max), radix: 16)
    let tag = temporaryTag.isEmpty ? "" : "-" + temporaryTag
    let temporary = directory + "/.\(url.lastPathComponent).\(TemporaryName.stem)\(tag)-\(suffix)"

    return try withHDF5 {
      let fail = { (reason: String) in
        HDF5Error(file: path, object: nil, action: action, reason: reason)
      }
      let fapl = H5Pcreate(repro_H5P_FILE_ACCESS())
      guard fapl >= 0 else { throw fail(hdf5StackMessage()) }
      defer { H5Pclose(fapl) }
      // The 1.8 file format: readable by every current HDF5 (h5py, h5dump), and
      // unlike the default "earliest" format it allows attributes over 64 KiB.
      guard H5Pset_libver_bounds(fapl, H5F_LIBVER_V18, H5F_LIBVER_V18) >= 0 else {
        throw fail(hdf5StackMessage())
      }
      // The root group records no creation/modification times either.
      let fcpl = repro_untimed_creation_plist(repro_H5P_FILE_CREATE())
      guard fcpl >= 0 else { throw fail(hdf5StackMessage()) }
      defer { H5Pclose(fcpl) }
      let fid = H5Fcreate(temporary, repro_H5F_ACC_EXCL(), fcpl, fapl)
      guard fid >= 0 else {
        let message = hdf5StackMessage()
        unlink(temporary)  // a failed create (a full disk) may leave the file begun
        throw fail(message)
      }
      let handle = H5FileID(id: fid, displayPath: path, writable: true, temporaryPath: temporary)
      return H5File(path: path, target: target, handle: handle)
    }
  }

  /// Opens an existing HDF5 file read-only.
  public static func open(_ path: String) throws -> H5File {
    let action = "cannot open file"
    let fail = { (reason: String) in
      HDF5Error(file: path, object: nil, action: action, reason: reason)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw fail("no such file")
    }
    guard !isDirectory.boolValue else { throw fail("it is a directory") }
    return try withHDF5 {
      let isHDF5 = H5Fis_hdf5(path)
      guard isHDF5 >= 0 else { throw fail(hdf5StackMessage()) }
      guard isHDF5 > 0 else { throw fail("not an HDF5 file") }
      let fid = H5Fopen(path, repro_H5F_ACC_RDONLY(), repro_H5P_DEFAULT())
      guard fid >= 0 else { throw fail(hdf5StackMessage()) }
      let handle = H5FileID(id: fid, displayPath: path, writable: false, temporaryPath: nil)
      return H5File(path: path, target: path, handle: handle)
    }
  }

  /// Opens a copy of the existing file at `path` for writing; `commit()` renames the
  /// changed copy over the original (atomic), and without a commit the original is untouched.
  public static func update(atomicallyAt path: String) throws -> H5File {
    let action = "cannot update file"
    let fail = { (reason: String) in HDF5Error(file: path, object: nil, action: action, reason: reason) }
    guard FileManager.default.fileExists(atPath: path) else { throw fail("no such file") }
    // A symbolic link is resolved: the copy is of the file it names, made beside it and renamed over it. (A
    // copy of the link would be a link, and writing through it would edit the target in place.)
    let target = try LinkTarget.resolve(path)
    let url = URL(fileURLWithPath: target)
    let suffix = String(UInt32.random(in: .min ... .max), radix: 16)
    let temporary =
      url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).\(TemporaryName.stem)-\(suffix)"
    do {
      try FileManager.default.copyItem(atPath: target, toPath: temporary)
    } catch {
      unlink(temporary)  // a partial copy (a full disk)
      throw fail("cannot copy it to \(temporary): \(fileSystemReason(error, path: temporary))")
    }
    return try withHDF5 {
      let isHDF5 = H5Fis_hdf5(temporary)
      guard isHDF5 > 0 else {
        unlink(temporary)
        throw fail("not an HDF5 file")
      }
      let fid = H5Fopen(temporary, repro_H5F_ACC_RDWR(), repro_H5P_DEFAULT())
      guard fid >= 0 else {
        unlink(temporary)
        throw fail(hdf5StackMessage())
      }
      let handle = H5FileID(id: fid, displayPath: path, writable: true, temporaryPath: temporary)
      return H5File(path: path, target: target, handle: handle)
    }
  }

  /// Flushes and closes the file, then atomically renames it into place at `path`.
  ///
  /// Afterwards this file and its groups can no longer be used.
  public func commit() throws {
    let action = "cannot commit file"
    try withHDF5 {
      guard let temporary = handle.temporaryPath else {
        let reason =
          handle.writable ? "it has already been committed" : "it was opened read-only"
        throw handle.error(action, nil, reason)
      }
      let fid = try handle.fileID(action, nil)
      try handle.check(H5Fflush(fid, H5F_SCOPE_GLOBAL), action, nil)
      try handle.check(H5Fclose(fid), action, nil)
      handle.id = -1
      syncPath(temporary)
      guard rename(temporary, target) == 0 else {
        let reason = String(cString: strerror(errno))
        throw handle.error(action, nil, "cannot rename \(temporary) into place: \(reason)")
      }
      handle.temporaryPath = nil
      syncPath(URL(fileURLWithPath: target).deletingLastPathComponent().path)
    }
  }

}

/// libhdf5's version, e.g. "1.10.8".
public var hdf5LibraryVersion: String {
  var major: UInt32 = 0
  var minor: UInt32 = 0
  var release: UInt32 = 0
  // Through the lock: the library's first call must be `H5dont_atexit` (see `withHDF5`).
  withHDF5 { repro_H5_version(&major, &minor, &release) }
  return "\(major).\(minor).\(release)"
}

/// Best-effort fsync of a file or directory, so the rename publishes complete data.
private func syncPath(_ path: String) {
  let fd = open(path, O_RDONLY)
  guard fd >= 0 else { return }
  _ = fsync(fd)
  _ = close(fd)
}
