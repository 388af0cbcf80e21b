/// Every failure the user can cause or meet, as one line that names the
/// problem and the fix, with the exit status the command line returns.
public enum ReproError: Error, CustomStringConvertible, Equatable {
  /// Unknown experiment, unknown parameter, malformed or out-of-range value.
  case badValue(String)
  /// A result or baseline is missing or unreadable.
  case missing(String)
  /// A run, an external tool or the file system failed.
  case failed(String)

  public var description: String {
    switch self {
    case .badValue(let s), .missing(let s), .failed(let s): return s
    }
  }

  /// 64 (EX_USAGE) for bad input, 2 for a missing or unreadable file, 1 otherwise.
  public var exitCode: Int32 {
    switch self {
    case .badValue: return 64
    case .missing: return 2
    case .failed: return 1
    }
  }
}

/// " (did you mean 'x'?)" when a name is close to one of the valid names, else "".
public func suggestion(for name: String, among names: [String]) -> String {
  let ranked = names.map { ($0, editDistance(name.lowercased(), $0.lowercased())) }
    .filter { $0.1 <= max(2, name.count / 3) || $0.0.contains(name) || name.contains($0.0) }
    .sorted { $0.1 < $1.1 }
  guard !ranked.isEmpty else { return "" }
  let best = ranked.prefix(3).map { "'\($0.0)'" }.joined(separator: " or ")
  return " (did you mean \(best)?)"
}

/// Levenshtein distance.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a.unicodeScalars)
  let b = Array(b.unicodeScalars)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var prev = Array(0...b.count)
  var cur = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    cur[0] = i
    for j in 1...b.count {
      cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    swap(&prev, &cur)
  }
  return prev[b.count]
}
