import Foundation

/// Where an atomic write to a path really goes (issue 21, item 10). A result path may be a symbolic link
/// (results kept on other storage): the write is *resolved*, not refused, and not done through the link.
/// The temporary is made in the directory of the file the link names and renamed over that file, so the
/// link stays a link and its target is replaced whole. (Renaming over the link itself would silently turn it
/// into a file; opening the link for writing would edit the target in place, torn by a kill.)
public enum LinkTarget {
  /// `path` with every symbolic link of its last component followed (a link's relative destination is
  /// relative to the link's directory); `path` itself when it is not a link. A dangling link gives the
  /// file it names, which the write creates.
  public static func resolve(_ path: String) throws -> String {
    var current = path
    for _ in 0..<40 {
      guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else {
        return current
      }
      current =
        destination.hasPrefix("/")
        ? destination
        : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
    }
    throw HDF5Error(
      file: path, object: nil, action: "cannot write file", reason: "too many levels of symbolic links")
  }
}
