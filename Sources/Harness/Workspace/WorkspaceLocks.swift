import Foundation
import HDF5
import Synchronization

extension Workspace {
  /// The lock every writer of a result holds (`<results>/.locks/<id>.lock`, beside the results and never
  /// one of them): `run` from writing the file to storing its claims, `check` from reading it to storing them.
  public func resultLockPath(_ id: String) -> String {
    ((results as NSString).appendingPathComponent(".locks") as NSString).appendingPathComponent("\(id).lock")
  }

  func resultLock(_ id: String) throws -> FileLock {
    try FileLock.acquire(resultLockPath(id), .exclusive)
  }
}

extension PointStore {
  /// Holds this store's directory (created if missing) shared, for as long as the result lives, so that
  /// `clean-store` does not remove it under a running run. A directory removed between its opening and its
  /// locking is made again.
  public func hold() throws -> StoreHold {
    // The directory's own lock file (a directory cannot be locked exclusively on NFS: see `FileLock`).
    var missing: [String] = []
    var ancestor = directory
    while !ancestor.isEmpty && ancestor != "/" && !FileManager.default.fileExists(atPath: ancestor) {
      missing.append(ancestor)
      ancestor = (ancestor as NSString).deletingLastPathComponent
    }
    for _ in 0..<100 {
      do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      } catch {
        throw ReproError.failed(
          "cannot create the point store \(directory): \(fileSystemReason(error, path: directory + "/.")); give another --results"
        )
      }
      // Removed by `clean-store` between the two steps: its lock file is gone, so make the folder again.
      let lock = try FileLock.acquire(Self.lockPath(directory), .shared)
      if lock.isStillInPlace { return StoreHold(lock: lock, created: missing) }
    }
    throw ReproError.failed("cannot hold the point store \(directory): it keeps being removed; run again")
  }
}

extension PointStore {
  /// The lock file of a store version's directory, inside it (`clean-store` removes it with the directory).
  static func lockPath(_ directory: String) -> String { (directory as NSString).appendingPathComponent(".lock") }
}

/// A point store held by a run (`PointStore.hold`), and the directories holding it made.
public final class StoreHold: Sendable {
  public let lock: FileLock
  /// Made for the hold, deepest first (the lock file goes with the deepest).
  let created: [String]

  init(lock: FileLock, created: [String]) {
    self.lock = lock
    self.created = created
  }

  /// Removes the directories the hold made that are still empty: a run that fails early leaves the disk as
  /// it was.
  public func removeIfEmpty() {
    guard let deepest = created.first,
      (try? FileManager.default.contentsOfDirectory(atPath: deepest)) == [".lock"]
    else { return }
    unlink(PointStore.lockPath(deepest))
    for directory in created { _ = rmdir(directory) }
  }
}

/// Points where tests interleave another process's step deterministically (issue 21, item 11). Never set
/// outside tests.
public enum WorkspaceHooks {
  /// Called by `check` (and `run`'s own check) with the result's path, after it has read the result and
  /// before it stores the claims in it.
  public static var afterCheckRead: (@Sendable (String) -> Void)? {
    get { hook.withLock { $0 } }
    set { hook.withLock { $0 = newValue } }
  }
  private static let hook = Mutex<(@Sendable (String) -> Void)?>(nil)
}
