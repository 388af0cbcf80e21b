import Foundation

/// The middle of every temporary name the project writes: `tmp-<pid>-h<host>`, so that a later run can tell
/// whether the writer of a leftover is gone: a process of this machine (same `<host>`) that no longer
/// exists. `<host>` is 8 hex digits of a hash of the host name (names may hold '-').
public enum TemporaryName {
  public static let host: String = {
    var buffer = [CChar](repeating: 0, count: 256)
    let name = gethostname(&buffer, buffer.count) == 0 ? String(cString: buffer) : "unknown"
    var hash: UInt32 = 2_166_136_261  // FNV-1a
    for byte in name.utf8 {
      hash ^= UInt32(byte)
      hash = hash &* 16_777_619
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 8 - hex.count) + hex
  }()

  /// "tmp-<pid>-h<host>".
  public static var stem: String { "tmp-\(getpid())-h\(host)" }

  /// A fresh random suffix.
  public static var random: String { String(UInt32.random(in: .min ... .max), radix: 16) }
}
