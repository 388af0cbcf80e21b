import Foundation
import HDF5

/// An advisory lock (`flock`) that processes writing one file or using one directory take, so that two
/// writers never interleave (issue 21, item 11). It is released when the value goes away (or the process
/// ends, however it ends: the kernel drops it with the descriptor). `flock` locks belong to an open file,
/// so two locks of one path in one process exclude each other too.
///
/// - A result's writers (`run` writing it and storing its claims, `check` storing its claims) hold
///   `<results>/.locks/<id>.lock` exclusively from reading the file to renaming their copy into place, so
///   a `check` can never put back a result that a `run` has just replaced.
/// - A run holds its point-store version's `.lock` shared; `clean-store` takes it exclusively without
///   waiting, and skips (and names) a version a run is using.
///
/// Always a regular file opened for writing, never a directory: on NFS, where a cluster's results live, Linux
/// emulates `flock` with POSIX locks, and an exclusive one needs a descriptor open for writing.
public final class FileLock: @unchecked Sendable {
  public enum Mode: Sendable {
    case shared, exclusive
  }

  public let path: String
  private let descriptor: Int32

  private init(path: String, descriptor: Int32) {
    self.path = path
    self.descriptor = descriptor
  }

  deinit { close(descriptor) }

  /// Whether the locked file is still the one at `path` (not removed, nor replaced, since).
  public var isStillInPlace: Bool {
    var held = stat()
    var current = stat()
    guard fstat(descriptor, &held) == 0, stat(path, &current) == 0 else { return false }
    return held.st_ino == current.st_ino && held.st_dev == current.st_dev
  }

  /// Locks the file at `path` (created, with its directory, if missing), waiting for other holders.
  public static func acquire(_ path: String, _ mode: Mode) throws -> FileLock {
    try lock(path, mode, wait: true)!
  }

  /// Locks the file at `path` (created if missing) if no one else holds it; nil when someone does.
  public static func attempt(_ path: String, _ mode: Mode) throws -> FileLock? {
    try lock(path, mode, wait: false)
  }

  private static func lock(_ path: String, _ mode: Mode, wait: Bool) throws -> FileLock? {
    let fail = { (reason: String) in ReproError.failed("cannot lock \(path): \(reason)") }
    let parent = (path as NSString).deletingLastPathComponent
    do {
      if !parent.isEmpty {
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
      }
    } catch {
      throw fail(fileSystemReason(error, path: parent + "/."))
    }
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw fail(String(cString: strerror(errno)).lowercased()) }
    let operation = (mode == .shared ? LOCK_SH : LOCK_EX) | (wait ? 0 : LOCK_NB)
    while flock(fd, operation) != 0 {
      if errno == EINTR { continue }
      let code = errno
      close(fd)
      if code == EWOULDBLOCK { return nil }
      throw fail(String(cString: strerror(code)).lowercased())
    }
    return FileLock(path: path, descriptor: fd)
  }
}
