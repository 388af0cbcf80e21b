import Synchronization

/// The names a result has (parameters, scalars, arrays), and the names its readers asked for that it does not
/// have.
///
/// Figures and claims read a result by name (`p.scalar("flip_radius_median")`). A name the file does not have at
/// all is a mistake in the module, never a measurement: `PointResult` answers NaN or `[]` so that the closure can
/// finish, notes the name here, and the harness stops the claim or figure with one line naming the name, the
/// experiment and the names that exist (`Results.requireKnownNames`). A scalar the file has but a point did
/// not record is a known name: NaN there is the file's own statement that the value is missing.
public final class ResultNames: Sendable {
  public let parameters: Set<String>
  public let scalars: Set<String>
  public let arrays: Set<String>
  private let unknown = Mutex<[String]>([])

  init(parameters: Set<String>, scalars: Set<String>, arrays: Set<String>) {
    self.parameters = parameters
    self.scalars = scalars
    self.arrays = arrays
  }

  /// The names of these points: every parameter, scalar and array that any of them has.
  convenience init(of points: [PointResult]) {
    self.init(
      parameters: Set(points.flatMap { $0.values.map(\.name) }), scalars: Set(points.flatMap(\.scalars.keys)),
      arrays: Set(points.flatMap(\.arrays.keys)))
  }

  /// The same names, with no unknown read noted yet.
  func fresh() -> ResultNames { ResultNames(parameters: parameters, scalars: scalars, arrays: arrays) }

  /// Notes a read of `name` as a `kind` ("parameter", "scalar", "array") that the result does not have.
  func noteUnknown(_ kind: String, _ name: String) {
    let entry = "\(kind) '\(name)'"
    unknown.withLock { if !$0.contains(entry) { $0.append(entry) } }
  }

  /// The unknown names read so far, as "scalar 'x'", in the order first read.
  public var unknownReads: [String] { unknown.withLock { $0 } }

  /// "its parameters: a, b; scalars: c, d; arrays: e" — for the error.
  var listing: String {
    func list(_ s: Set<String>) -> String { s.isEmpty ? "none" : s.sorted().joined(separator: ", ") }
    return "its parameters: \(list(parameters)); scalars: \(list(scalars)); arrays: \(list(arrays))"
  }
}

extension Results {
  /// The same results with a fresh record of unknown reads, for one reader (a claim, a module's figures).
  public func readingAfresh() -> Results {
    Results(path: path, attributes: attributes, points: points, names: names.fresh())
  }

  /// Throws, in one line, when `reader` asked these results for a name they do not have.
  public func requireKnownNames(readBy reader: String) throws(ReproError) {
    let unknown = names.unknownReads
    guard !unknown.isEmpty else { return }
    let experiment = self.experiment.isEmpty ? "" : " (\(self.experiment))"
    throw .failed(
      "\(reader) reads \(unknown.joined(separator: " and ")), which \(path)\(experiment) does not have; \(names.listing): fix the name in the module"
    )
  }
}
