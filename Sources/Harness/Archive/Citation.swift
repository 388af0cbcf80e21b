import Foundation

/// The repository's `CITATION.cff` (Citation File Format 1.2.0), read for what an archive's crate states of the
/// project (title, abstract, license, authors) and rewritten as the bundle's own, which names the commit the
/// archived results were computed at. Only the subset of YAML the file uses is read: top-level `key: value`
/// lines and the `name`/`given-names`/`family-names` of each entry under `authors:`.
public struct Citation: Sendable, Equatable {
  public let text: String
  public let title: String?
  public let abstract: String?
  public let license: String?
  public let version: String?
  /// Each author as shown: "Given Family", or an entity's name.
  public let authors: [Author]

  public struct Author: Sendable, Equatable {
    public let name: String
    /// A person (given and family names) rather than an entity (a `name:`).
    public let isPerson: Bool
  }

  public init(text: String) {
    self.text = text
    var top: [String: String] = [:]
    var authors: [Author] = []
    var inAuthors = false
    var given: String?
    var family: String?
    var entity: String?
    func flush() {
      if let entity {
        authors.append(Author(name: entity, isPerson: false))
      } else if given != nil || family != nil {
        authors.append(Author(name: [given, family].compactMap { $0 }.joined(separator: " "), isPerson: true))
      }
      (given, family, entity) = (nil, nil, nil)
    }
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = String(raw)
      if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      if !line.hasPrefix(" ") && !line.hasPrefix("-") {
        if inAuthors { flush() }
        guard let (key, value) = Citation.pair(line) else { continue }
        inAuthors = key == "authors"
        if !value.isEmpty { top[key] = value }
        continue
      }
      guard inAuthors else { continue }
      var item = line.trimmingCharacters(in: .whitespaces)
      if item.hasPrefix("- ") {
        flush()
        item.removeFirst(2)
      }
      guard let (key, value) = Citation.pair(item) else { continue }
      switch key {
      case "given-names": given = value
      case "family-names": family = value
      case "name": entity = value
      default: break
      }
    }
    if inAuthors { flush() }
    title = top["title"]
    abstract = top["abstract"]
    license = top["license"]
    version = top["version"]
    self.authors = authors
  }

  /// The file at `root`/CITATION.cff.
  public static func read(root: String) throws(ReproError) -> Citation {
    let path = (root as NSString).appendingPathComponent("CITATION.cff")
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw .missing("no CITATION.cff at \(path): the archive takes the project's citation from it")
    }
    return Citation(text: text)
  }

  /// The bundle's CITATION.cff: this one with `version` and `commit` the commit the results were computed at and
  /// `date-released` the day of the archive (any of the three the file had is replaced).
  public func forBundle(commit: String, date: Date) -> String {
    let replaced: Set<String> = ["version", "commit", "date-released"]
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { line in
      guard !line.hasPrefix(" "), let (key, _) = Citation.pair(line) else { return true }
      return !replaced.contains(key)
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    lines += [
      "version: \(Citation.quoted(commit))", "commit: \(Citation.quoted(commit))",
      "date-released: \(Citation.quoted(Citation.day(date)))",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// "2026-12-06", in UTC.
  static func day(_ date: Date) -> String { String(iso8601(date).prefix(10)) }

  /// A YAML double-quoted scalar.
  static func quoted(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  /// `key: value` with the value unquoted; nil for a line of another form.
  static func pair(_ line: String) -> (String, String)? {
    guard let colon = line.firstIndex(of: ":") else { return nil }
    let key = String(line[..<colon])
    guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
    var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    if value.count >= 2, let q = value.first, q == "\"" || q == "'", value.last == q {
      value = String(value.dropFirst().dropLast())
      if q == "\"" {
        value = value.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
      }
    }
    return (key, value)
  }
}
