import Foundation

/// Progress of a long run on stderr: point i of N, elapsed, estimated time left.
/// On a terminal the line is redrawn in place; in a log, one line per point.
final class Progress: @unchecked Sendable {
  private let total: Int
  private let label: String
  private let start = Date()
  private let interactive = isatty(2) != 0
  private let lock = NSLock()
  private var done = 0
  private let quiet: Bool

  init(label: String, total: Int, quiet: Bool) {
    self.label = label
    self.total = total
    self.quiet = quiet
  }

  /// Marks one point finished.
  func finished(_ pointLabel: String) {
    lock.lock()
    defer { lock.unlock() }
    done += 1
    guard !quiet else { return }
    let elapsed = Date().timeIntervalSince(start)
    let left = elapsed / Double(done) * Double(total - done)
    let line =
      "[\(label)] point \(done)/\(total) \(pointLabel.isEmpty ? "" : "(\(pointLabel)) ")"
      + "\(clock(elapsed)) elapsed, ~\(clock(left)) left"
    if interactive {
      let end = done == total ? "\n" : ""
      FileHandle.standardError.write(Data(("\r\u{1B}[K" + line + end).utf8))
    } else {
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
  }

  func clear() {
    lock.lock()
    defer { lock.unlock() }
    if interactive && !quiet && done < total { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}

/// "1:05" or "1:02:03".
func clock(_ seconds: Double) -> String {
  let s = Int(seconds.rounded())
  return s >= 3600
    ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
    : String(format: "%d:%02d", s / 60, s % 60)
}
