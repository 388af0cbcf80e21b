/// Absolute object paths inside a file ("/" or "/a/b").
enum H5Path {
  /// `name` resolved against the group `base`: "a/b" is relative, "/a/b" and "/" absolute.
  /// Nil if `name` is empty or contains "." or "..".
  static func join(_ base: String, _ name: String) -> String? {
    if name == "/" { return "/" }
    let parts = name.split(separator: "/", omittingEmptySubsequences: true)
    guard !parts.isEmpty, !parts.contains(where: { $0 == "." || $0 == ".." }) else { return nil }
    let start = name.hasPrefix("/") || base == "/" ? "" : base
    return start + "/" + parts.joined(separator: "/")
  }

  /// The textual path of `name` in `base`, for error messages even when `name` is invalid.
  static func display(_ base: String, _ name: String) -> String {
    join(base, name) ?? (base == "/" ? "/" + name : base + "/" + name)
  }

  /// The enclosing group's path: parent("/a/b") == "/a", parent("/a") == "/".
  static func parent(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
    return String(path[..<slash])
  }

  /// Every ancestor path and the path itself, outermost first: "/a", "/a/b". Empty for "/".
  static func prefixes(_ path: String) -> [String] {
    var result: [String] = []
    var current = ""
    for part in path.split(separator: "/") {
      current += "/" + part
      result.append(current)
    }
    return result
  }
}
