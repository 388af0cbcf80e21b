import HDF5

/// What a recorded value is, as the result file states it beside the value: a description (what the number
/// means, and when it can be NaN), its units where it has any, and whether it counts something (then it is
/// stored as a 64-bit integer).
public struct DatasetInfo: Sendable, Equatable {
  public var description: String
  public var units: String?
  public var isCount: Bool
  /// The non-finite values the module declares legitimate for it (its description says when); any other
  /// stops the point (`Record.undeclaredNonFinite`).
  public var allows: NonFinite = []

  public init(_ description: String, units: String? = nil, isCount: Bool = false) {
    self.description = description
    self.units = units
    self.isCount = isCount
  }
}

/// What one sweep point computed: named scalars, named arrays, and short text notes (e.g. why training
/// stopped). Names are snake_case.
///
/// Every value is declared where it is set, with what it is: `r.set("flip_radius", radii, "the flip radius
/// ‖δ‖₂ of each training point along −y·u", units: "ℓ2 norm of the input")`. The harness refuses a record
/// with an undescribed value, so every dataset of every result file says what it is.
public struct Record: Sendable {
  public private(set) var scalars: [(name: String, value: Double)] = []
  public private(set) var arrays: [(name: String, value: NDArray<Double>)] = []
  public private(set) var notes: [(name: String, value: String)] = []
  /// What each scalar and array is, by name.
  public private(set) var info: [String: DatasetInfo] = [:]
  /// Names the module set more than once (as scalars, arrays or notes): the harness refuses such a record, since
  /// the second value would silently replace the first.
  public private(set) var repeated: [String] = []

  public init() {}

  /// A scalar recorded by this point (nil if none); gathered across points into `/scalars/<name>`.
  public subscript(name: String) -> Double? {
    scalars.first { $0.name == name }?.value
  }

  /// A scalar, gathered across points into `/scalars/<name>`, with what it is.
  public mutating func set(_ name: String, _ value: Double, _ description: String, units: String? = nil) {
    noteIfRepeated(name)
    setScalar(name, value)
    info[name] = DatasetInfo(description, units: units)
  }

  /// Sets a count (points, units, iterations …): gathered like a scalar, stored as a 64-bit integer.
  public mutating func setCount(_ name: String, _ value: Int, _ description: String) {
    noteIfRepeated(name)
    setScalar(name, Double(value))
    info[name] = DatasetInfo(description, isCount: true)
  }

  /// A 1-D array (per training point, per step, ...), with what it is.
  public mutating func set(_ name: String, _ values: [Double], _ description: String, units: String? = nil) {
    set(name, NDArray(values), description, units: units)
  }

  public mutating func set(_ name: String, _ array: NDArray<Double>, _ description: String, units: String? = nil) {
    noteIfRepeated(name)
    setArray(name, array)
    info[name] = DatasetInfo(description, units: units)
  }

  /// An array of counts or indices (an iteration axis, counts per cluster): stored as 64-bit integers.
  public mutating func set(_ name: String, _ values: [Int], _ description: String) {
    noteIfRepeated(name)
    setArray(name, NDArray(values.map(Double.init)))
    info[name] = DatasetInfo(description, isCount: true)
  }

  /// A short text, stored as an attribute of the point.
  public mutating func note(_ name: String, _ text: String) {
    if notes.contains(where: { $0.name == name }) { repeated.append(name) }
    notes.removeAll { $0.name == name }
    notes.append((name, text))
  }

  /// The names of recorded values that carry no description (the harness refuses such a record).
  public var undescribed: [String] {
    (scalars.map(\.name) + arrays.map(\.name)).filter { (info[$0]?.description ?? "").isEmpty }
  }

  private mutating func noteIfRepeated(_ name: String) {
    if scalars.contains(where: { $0.name == name }) || arrays.contains(where: { $0.name == name }) {
      repeated.append(name)
    }
  }

  // MARK: Restoring a stored record (the point store), value and description apart.

  mutating func setScalar(_ name: String, _ value: Double) {
    scalars.removeAll { $0.name == name }
    scalars.append((name, value))
  }

  mutating func setArray(_ name: String, _ array: NDArray<Double>) {
    arrays.removeAll { $0.name == name }
    arrays.append((name, array))
  }

  mutating func setInfo(_ name: String, _ value: DatasetInfo) { info[name] = value }
}
