import Numerics

/// One sweep point: a value for every parameter, and the seed index.
/// Modules read their parameters through the typed accessors.
public struct Point: Sendable, Hashable {
  /// Position in the sweep (0-based), for display and storage.
  public let index: Int
  /// Parameter values, in declaration order; `seeds` is replaced by `seed`.
  public let values: [(name: String, value: Value)]

  public init(index: Int, values: [(name: String, value: Value)]) {
    self.index = index
    self.values = values
  }

  public static func == (a: Point, b: Point) -> Bool {
    a.index == b.index && a.values.elementsEqual(b.values) { $0.name == $1.name && $0.value == $1.value }
  }
  public func hash(into h: inout Hasher) {
    h.combine(index)
    for (n, v) in values {
      h.combine(n)
      h.combine(v)
    }
  }

  public func value(_ name: String) -> Value {
    guard let v = values.first(where: { $0.name == name })?.value else {
      preconditionFailure("experiment reads parameter '\(name)', which it does not declare")
    }
    return v
  }

  public func int(_ name: String) -> Int {
    guard case .int(let i) = value(name) else { preconditionFailure("parameter '\(name)' is not an integer") }
    return i
  }

  public func real(_ name: String) -> Double {
    switch value(name) {
    case .real(let x): return x
    case .int(let i): return Double(i)
    case .text: preconditionFailure("parameter '\(name)' is not a number")
    }
  }

  public func text(_ name: String) -> String {
    guard case .text(let s) = value(name) else { preconditionFailure("parameter '\(name)' is not a choice") }
    return s
  }

  /// A choice parameter as the enum it was declared from.
  public func choice<E: RawRepresentable>(_ name: String, as: E.Type = E.self) -> E where E.RawValue == String {
    guard let e = E(rawValue: text(name)) else { preconditionFailure("parameter '\(name)' is not a \(E.self)") }
    return e
  }

  public var seed: Int { int("seed") }

  /// "d=1000 n=20 seed=3": the swept values, for progress lines.
  public func label(showing names: [String]) -> String {
    values.filter { names.contains($0.name) }.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
  }

  // Two kinds of random stream, both pure functions of a key string:
  // - the point's own stream, which the runner hands `Experiment.run` as `rng`: keyed by the experiment id and
  //   every value ("<id>|d=1000|n=20|seed=3"), without the parameters the module is `pairedAcross`;
  // - a shared stream, named by a label and keyed by the values it depends on only
  //   ("vardi2022 data|d=1000|n=20|seed=3"), for data or networks every module of a paper draws alike.

  /// "d=1000|n=20|seed=3": the named values only, sorted by name (the tail of a shared stream's key).
  /// Every name must be a parameter of the point: a misspelt one would silently key the stream by less.
  public func streamKey(only names: [String]) -> String {
    requireDeclared(names, "keys a stream by")
    return values.filter { names.contains($0.name) }.sorted { $0.name < $1.name }.map { "\($0.name)=\($0.value)" }
      .joined(separator: "|")
  }

  /// "<id>|d=1000|n=20|seed=3": the experiment id and every value, sorted by name; the key of the stream of a
  /// module paired across nothing (and of the point in the store).
  public func streamKey(experiment id: String) -> String {
    ([id] + values.sorted { $0.name < $1.name }.map { "\($0.name)=\($0.value)" }).joined(separator: "|")
  }

  /// The key of the point's own stream without the parameters `names` (the module's `pairedAcross`), so every
  /// point that differs only in them draws the same numbers. Every name must be a parameter of the point: a
  /// misspelt one would silently leave its parameter in the key and break the pairing.
  public func streamKey(experiment id: String, excluding names: [String]) -> String {
    requireDeclared(names, "leaves out of a stream")
    return Point(index: index, values: values.filter { !names.contains($0.name) }).streamKey(experiment: id)
  }

  /// The point's own stream for `experiment`, paired across its `pairedAcross`: what the runner hands `run`.
  public func stream(for experiment: any Experiment.Type) -> RandomSource {
    RandomSource(key: streamKey(experiment: experiment.id, excluding: experiment.pairedAcross))
  }

  /// A stream shared across modules: keyed by `label` and the values of `names` only
  /// ("<label>|d=1000|n=20|seed=3"), so every module, and every point, that agrees on them draws the same
  /// numbers (e.g. `sharedStream("vardi2022 data", by: ["d", "n", "data", "seed"])`: one training set per
  /// d, n and seed across the paper). The label names the paper and what is drawn, so no two streams collide.
  public func sharedStream(_ label: String, by names: [String]) -> RandomSource {
    RandomSource(key: label + "|" + streamKey(only: names))
  }

  /// The names among `names` that are not parameters of this point.
  public func undeclared(_ names: [String]) -> [String] {
    names.filter { name in !values.contains { $0.name == name } }
  }

  private func requireDeclared(_ names: [String], _ use: String) {
    let unknown = undeclared(names)
    guard unknown.isEmpty else {
      preconditionFailure(
        "experiment \(use) \(unknown.map { "'\($0)'" }.joined(separator: ", ")), which it does not declare (its parameters: \(values.map(\.name).joined(separator: ", ")))"
      )
    }
  }

  /// {"d":1000,"n":20,...}
  public var json: String {
    "{" + values.map { "\(jsonString($0.name)):\($0.value.json)" }.joined(separator: ",") + "}"
  }
}
