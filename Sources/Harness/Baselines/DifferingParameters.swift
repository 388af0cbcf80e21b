import Foundation

extension Baselines {
  /// Names whose values differ between two parameter JSON objects.
  /// A `parameters` attribute that is not a JSON object differs from everything (it never compares as equal to
  /// another unreadable one): one row per side that could not be read, quoting it.
  static func differingParameters(_ a: String, _ b: String) -> [String] {
    let unreadable = [a, b].filter { parseObject($0) == nil }
    guard unreadable.isEmpty else {
      return unreadable.map { "parameters (not a JSON object: \(String($0.prefix(40)).debugDescription))" }
    }
    func parse(_ s: String) -> [String: String] {
      guard let object = parseObject(s) else { return [:] }
      return object.mapValues { value in
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]))
          .map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
      }
    }
    let pa = parse(a)
    let pb = parse(b)
    return Set(pa.keys).union(pb.keys).filter { pa[$0] != pb[$0] }.sorted().map { name in
      "\(name) (\(pa[name] ?? "absent") vs \(pb[name] ?? "absent"))"
    }
  }

  private static func parseObject(_ s: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(s.utf8))) as? [String: Any]
  }
}
