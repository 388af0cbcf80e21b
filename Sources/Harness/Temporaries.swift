import Foundation

/// Temporary files that killed processes left behind (issue 13, item 1): `.<name>.tmp-<pid>[-<tag>]-<hex>`
/// beside a result, a baseline or a stored point, written by `H5File.create(atomicallyAt:)` and renamed into
/// place on commit. One whose process is gone is removed by the next run.
///
/// "Gone" is judged on this machine, so a results directory on a filesystem that other nodes share could hold
/// the temporary of a live writer elsewhere with a pid that is free here: a temporary also has to be left
/// untouched for `minimumAge` seconds (a writer commits within seconds of creating it).
public enum Temporaries {
  public static let minimumAge: TimeInterval = 60

  /// The pid in a temporary's name, or nil when the name is not one of ours.
  static func pid(_ name: String) -> Int32? {
    guard name.hasPrefix("."), let range = name.range(of: ".tmp-", options: .backwards) else { return nil }
    let rest = name[range.upperBound...]
    guard let digits = rest.split(separator: "-").first, let pid = Int32(digits), pid > 0 else { return nil }
    return pid
  }

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
      guard let pid = pid(name), !alive(pid) else { continue }
      let path = (directory as NSString).appendingPathComponent(name)
      guard let modified = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
        now.timeIntervalSince(modified) >= minimumAge
      else { continue }
      if (try? fm.removeItem(atPath: path)) != nil { removed.append(name) }
    }
    return removed
  }
}
