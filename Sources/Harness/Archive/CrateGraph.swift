import Foundation

/// The `@graph` of an RO-Crate's `ro-crate-metadata.json`: entities by `@id`, written as JSON-LD with the
/// metadata descriptor and the root data entity first and the others sorted by `@id`, keys sorted, so that the
/// same bundle gives the same bytes.
struct CrateGraph {
  /// RO-Crate 1.1's context. The Process Run Crate profile's workflow-run terms (`environment`,
  /// `containerImage`) are not used, so their context is not named.
  static let context = ["https://w3id.org/ro/crate/1.1/context"]
  static let metadataID = "ro-crate-metadata.json"
  static let rootID = "./"

  private(set) var entities: [String: [String: Any]] = [:]

  /// Adds an entity; the properties of one already there with the same `@id` are kept, new ones added.
  mutating func add(_ entity: [String: Any]) {
    let id = entity["@id"] as! String
    entities[id, default: [:]].merge(entity) { old, _ in old }
  }

  /// Appends `reference` to a list-valued property of entity `id` (made a list if absent).
  mutating func append(_ property: String, of id: String, _ reference: [String: Any]) {
    var list = entities[id]?[property] as? [[String: Any]] ?? []
    let target = reference["@id"] as? String
    if let target, list.contains(where: { $0["@id"] as? String == target }) { return }
    list.append(reference)
    entities[id, default: ["@id": id]][property] = list
  }

  func contains(_ id: String) -> Bool { entities[id] != nil }

  /// `{"@id": id}`.
  static func ref(_ id: String) -> [String: Any] { ["@id": id] }

  /// A relative path as a crate `@id`: percent-encoded where a URI needs it.
  static func id(path: String) -> String {
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: "%#?")
    return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
  }

  /// The whole metadata file.
  func json() throws -> Data {
    let first = [CrateGraph.metadataID, CrateGraph.rootID]
    let rest = entities.keys.filter { !first.contains($0) }.sorted()
    // RO-Crate 1.1 compacts a one-element list to its element.
    let graph = (first + rest).compactMap { entities[$0] }.map { entity in
      entity.mapValues { value -> Any in (value as? [Any]).flatMap { $0.count == 1 ? $0[0] : nil } ?? value }
    }
    let document: [String: Any] = ["@context": CrateGraph.context, "@graph": graph]
    var data = try JSONSerialization.data(
      withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    data.append(0x0A)
    return data
  }

  /// Every `@id` referenced anywhere in the graph (a `{"@id": …}` object as a property value) that names no
  /// entity of it and is not an absolute URI: what a consumer could not resolve inside the crate.
  func danglingReferences() -> [String] {
    var missing: Set<String> = []
    func visit(_ value: Any) {
      if let object = value as? [String: Any] {
        if object.count == 1, let id = object["@id"] as? String, !isAbsolute(id), entities[id] == nil {
          missing.insert(id)
        }
        for (key, v) in object where key != "@id" { visit(v) }
      } else if let list = value as? [Any] {
        list.forEach(visit)
      }
    }
    for entity in entities.values { visit(entity) }
    return missing.sorted()
  }

  private func isAbsolute(_ id: String) -> Bool { id.contains("://") || id.hasPrefix("urn:") }
}
