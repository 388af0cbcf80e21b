import Foundation
import HDF5

/// Temporary files that killed processes left behind (issue 13, item 1): `.<name>.tmp-<pid>-h<host>[-<tag>]-<hex>`
/// beside a result, a baseline or a stored point, and `.<id>.tmp-…` figure folders being drawn. One whose
/// writer is gone is removed by the next run or plot.
///
/// "Gone" is certain only on the machine that wrote it (the same `h<host>`, `TemporaryName`): a process
/// there with that pid no longer exists. A results directory on a filesystem that other nodes share can
/// hold the temporary of a live writer elsewhere, so one from another host (or with no host in its name)
/// must also have been left untouched for `minimumAge` seconds (writers commit within seconds).
public enum Temporaries {
  public static let minimumAge: TimeInterval = 60

  /// The pid and host in a temporary's name, or nil when the name is not one of ours.
  static func writer(_ name: String) -> (pid: Int32, host: String?)? {
    guard name.hasPrefix("."), let range = name.range(of: ".tmp-", options: .backwards) else { return nil }
    let fields = name[range.upperBound...].split(separator: "-")
    guard let first = fields.first, let pid = Int32(first), pid > 0 else { return nil }
    let host = fields.dropFirst().first.flatMap { $0.hasPrefix("h") && $0.count == 9 ? String($0.dropFirst()) : nil }
    return (pid, host)
  }

  static func pid(_ name: String) -> Int32? { writer(name)?.pid }

  static func alive(_ pid: Int32) -> Bool {
    if pid == getpid() { return true }
    return kill(pid, 0) == 0 || errno == EPERM
  }

  /// Removes the stale temporaries directly inside `directory`; returns their names.
  @discardableResult
  public static func removeStale(in directory: String, now: Date = Date()) -> [String] {
    let fm = FileManager.default
    guard let names = try? fm.contentsOfDirectory(atPath: directory) else { return [] }
    var removed: [String] = []
    for name in names.sorted() {
      guard let writer = writer(name), !alive(writer.pid) else { continue }
      let path = (directory as NSString).appendingPathComponent(name)
      if writer.host != TemporaryName.host {
        guard let modified = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
          now.timeIntervalSince(modified) >= minimumAge
        else { continue }
      }
      if (try? fm.removeItem(atPath: path)) != nil { removed.append(name) }
    }
    return removed
  }
}
