import Foundation
import HDF5

/// A result file read back: its attributes and every point with its
/// parameters, scalars, arrays and notes. Figures and claims are computed
/// from this, never from the run's memory.
public struct Results: Sendable {
  public let path: String
  public let attributes: [String: AttributeValue]
  public let points: [PointResult]
  /// The names the result has, and those its readers asked for in vain (see `ResultNames`).
  public let names: ResultNames

  /// Results of these points; their names are every parameter, scalar and array any point has.
  public init(path: String, attributes: [String: AttributeValue], points: [PointResult]) {
    self.init(path: path, attributes: attributes, points: points, names: ResultNames(of: points))
  }

  init(path: String, attributes: [String: AttributeValue], points: [PointResult], names: ResultNames) {
    self.path = path
    self.attributes = attributes
    self.names = names
    self.points = points.map { p in
      var p = p
      p.names = names
      return p
    }
  }

  public var experiment: String { string("experiment") }
  public var paper: String { string("paper") }
  public var preset: String { string("preset") }

  public func string(_ name: String) -> String {
    if case .string(let s)? = attributes[name] { return s }
    return ""
  }

  public func number(_ name: String) -> Double? {
    switch attributes[name] {
    case .double(let x)?: return x
    case .int(let i)?: return Double(i)
    default: return nil
    }
  }

  /// Reads `path`; a missing or foreign file is a `ReproError.missing` naming the fix.
  public static func read(_ path: String) throws(ReproError) -> Results {
    guard FileManager.default.fileExists(atPath: path) else {
      throw .missing(
        "no results at \(path): run `\(runCommand(for: path))` first"
      )
    }
    do {
      let file = try H5File.open(path)
      let root = file.root
      var attributes: [String: AttributeValue] = [:]
      for name in try root.attributeNames() { attributes[name] = try root.attribute(name) }
      guard case .int(let schema)? = attributes["schema_version"], Provenance.readableSchemas.contains(schema),
        case .int(let count)? = attributes["points"]
      else {
        throw ReproError.missing(
          "\(path) is not a repro result file of schema \(Provenance.readableSchemas.sorted().map(String.init).joined(separator: " or ")): rerun the experiment"
        )
      }
      // A damaged or crafted file: a count is refused before anything is sized by it.
      guard count >= 0 else {
        throw ReproError.missing(
          "\(path): its points attribute is \(count), not a count of points: the file is damaged; rerun the experiment"
        )
      }
      let n = Int(count)

      // Sweep columns → per-point values.
      let sweep = try root.group("sweep")
      var columns: [(String, [Value])] = []
      for name in try sweep.children() {
        switch try sweep.datasetKind(name) {
        case .int64:
          let raw = try sweep.readInt64s(name).values
          if let levels = try? sweep.attribute("levels", ofDataset: name), case .string(let json) = levels {
            let names = (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
            columns.append((name, raw.map { .text($0 >= 0 && Int($0) < names.count ? names[Int($0)] : "?") }))
          } else {
            columns.append((name, raw.map { .int(Int($0)) }))
          }
        case .double: columns.append((name, try sweep.readDoubles(name).values.map(Value.real)))
        case .other: continue
        }
      }
      // Keep the declaration order recorded in the parameters attribute.
      let order = parameterOrder(attributes["parameters"])
      columns.sort { (order.firstIndex(of: $0.0) ?? Int.max, $0.0) < (order.firstIndex(of: $1.0) ?? Int.max, $1.0) }
      // A damaged or edited file: every recorded parameter has its column, every column one value per point.
      let id = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
      for name in order where !columns.contains(where: { $0.0 == name }) {
        throw ReproError.missing(
          "\(path) lacks the dataset /sweep/\(name): rerun the experiment (`\(runCommand(for: path))`)")
      }
      for (name, values) in columns where values.count != n {
        throw ReproError.missing(
          "\(path): /sweep/\(name) has \(values.count) values for \(n) points: rerun the experiment (`repro run \(id)`)"
        )
      }

      let scalarGroup = try root.group("scalars")
      var scalars: [(String, [Double])] = []
      for name in try scalarGroup.children() {
        let values = try Self.readNumbers(scalarGroup, name)
        guard values.count == n else {
          throw ReproError.missing(
            "\(path): /scalars/\(name) has \(values.count) values for \(n) points: rerun the experiment (`repro run \(id)`)"
          )
        }
        scalars.append((name, values))
      }

      let pointGroup = try root.group("points")
      var points: [PointResult] = []
      for k in 0..<n {
        let g = try pointGroup.group(ResultWriter.pointGroupName(k))
        var arrays: [String: NDArray<Double>] = [:]
        for name in try g.children() {
          switch try g.datasetKind(name) {
          case .double: arrays[name] = try g.readDoubles(name)
          case .int64:
            let counts = try g.readInt64s(name)
            arrays[name] = NDArray(shape: counts.shape, values: counts.values.map(Double.init))
          case .other: continue
          }
        }
        var notes: [String: String] = [:]
        for name in try g.attributeNames() where name != "parameters" {
          if case .string(let s) = try g.attribute(name) { notes[name] = s }
        }
        points.append(
          PointResult(
            index: k, values: columns.map { ($0.0, $0.1[k]) },
            scalars: Dictionary(uniqueKeysWithValues: scalars.map { ($0.0, $0.1[k]) }),
            arrays: arrays, notes: notes))
      }
      return Results(path: path, attributes: attributes, points: points)
    } catch let e as ReproError {
      throw e
    } catch {
      throw .missing("cannot read \(path): \(error); rerun the experiment to rewrite it")
    }
  }

  /// Reads `path`, which must hold results of experiment `id`: a result of another experiment (renamed or copied
  /// into place) is refused by name before anything reads its numbers or claims.
  public static func read(_ path: String, of id: String) throws(ReproError) -> Results {
    let results = try read(path)
    guard results.experiment == id else {
      throw .missing(
        "\(path) holds results of '\(results.experiment)', not \(id): rerun it (`repro run \(id)`)")
    }
    return results
  }

  /// A float64 or (for counts) int64 dataset, as Doubles.
  static func readNumbers(_ group: H5Group, _ name: String) throws -> [Double] {
    try group.datasetKind(name) == .int64
      ? try group.readInt64s(name).values.map(Double.init) : try group.readDoubles(name).values
  }

  private static func parameterOrder(_ json: AttributeValue?) -> [String] {
    guard case .string(let s)? = json else { return [] }
    // Keys of a flat JSON object in the order written: "name":[
    var names: [String] = []
    var rest = Substring(s)
    while let open = rest.firstIndex(of: "\"") {
      let after = rest[rest.index(after: open)...]
      guard let close = after.firstIndex(of: "\"") else { break }
      let name = String(after[..<close])
      rest = after[after.index(after: close)...]
      if rest.hasPrefix(":[") { names.append(name == Parameter.seedsName ? "seed" : name) }
    }
    return names
  }
}

/// One point of a result file.
public struct PointResult: Sendable {
  public let index: Int
  public let values: [(name: String, value: Value)]
  public let scalars: [String: Double]
  public let arrays: [String: NDArray<Double>]
  public let notes: [String: String]
  /// The names of the result this point belongs to; an unknown name read is noted there (set by `Results`).
  var names: ResultNames? = nil

  /// The value of a parameter; nil (and noted as unknown) when the result has no such parameter.
  public func value(_ name: String) -> Value? {
    guard let v = values.first(where: { $0.name == name })?.value else {
      names?.noteUnknown("parameter", name)
      return nil
    }
    return v
  }

  public func real(_ name: String) -> Double {
    switch value(name) {
    case .int(let i)?: return Double(i)
    case .real(let x)?: return x
    default: return .nan
    }
  }

  /// A scalar; NaN where this point did not record it (a name of the result), or for a name the result does not
  /// have at all, which is noted as unknown.
  public func scalar(_ name: String) -> Double {
    if let x = scalars[name] { return x }
    if names?.scalars.contains(name) != true { names?.noteUnknown("scalar", name) }
    return .nan
  }

  /// An array; [] where this point did not record it (a name of the result), or for a name the result does not
  /// have at all, which is noted as unknown.
  public func array(_ name: String) -> [Double] {
    if let a = arrays[name] { return a.values }
    if names?.arrays.contains(name) != true { names?.noteUnknown("array", name) }
    return []
  }
}

extension Results {
  /// The distinct values a parameter takes, in sweep order.
  public func distinctValues(of name: String) -> [Value] { points.distinctValues(of: name) }

  /// The distinct finite numbers a parameter takes, ascending (`distinctValues(of:)` keeps the sweep order):
  /// a figure's x values or a claim's levels.
  public func ascendingValues(of name: String) -> [Double] {
    Set(points.map { $0.real(name) }).filter(\.isFinite).sorted()
  }

  /// Points whose parameters equal the given values.
  public func points(where match: [String: Value]) -> [PointResult] { points.filter(match) }

  /// Points grouped by the values of `names`, in sweep order.
  public func grouped(by names: [String]) -> [(key: [Value], points: [PointResult])] { points.grouped(by: names) }
}

extension Array where Element == PointResult {
  /// The distinct values a parameter takes, in order of appearance.
  public func distinctValues(of name: String) -> [Value] {
    var seen: [Value] = []
    for p in self { if let v = p.value(name), !seen.contains(v) { seen.append(v) } }
    return seen
  }

  /// The points whose parameters equal the given values.
  public func filter(_ match: [String: Value]) -> [PointResult] {
    filter { p in match.allSatisfy { p.value($0.key) == $0.value } }
  }

  /// Grouped by the values of `names`, in order of appearance.
  public func grouped(by names: [String]) -> [(key: [Value], points: [PointResult])] {
    var keys: [[Value]] = []
    var groups: [[Value]: [PointResult]] = [:]
    for p in self {
      let key = names.map { p.value($0) ?? .text("") }
      if groups[key] == nil { keys.append(key) }
      groups[key, default: []].append(p)
    }
    return keys.map { ($0, groups[$0]!) }
  }
}

extension Results {
  /// The same results with only the points `keep` selects (e.g. one learning-rate rule of a sweep), for a
  /// claim that is about those points alone.
  public func restricted(to keep: (PointResult) -> Bool) -> Results {
    Results(path: path, attributes: attributes, points: points.filter(keep), names: names)
  }
}
