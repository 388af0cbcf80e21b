import HDF5

/// What one sweep point computed: named scalars, named arrays, and short
/// text notes (e.g. why training stopped). Names are snake_case.
public struct Record: Sendable {
  public private(set) var scalars: [(name: String, value: Double)] = []
  public private(set) var arrays: [(name: String, value: NDArray<Double>)] = []
  public private(set) var notes: [(name: String, value: String)] = []

  public init() {}

  /// A scalar; also gathered across points into `/scalars/<name>`.
  public subscript(name: String) -> Double? {
    get { scalars.first { $0.name == name }?.value }
    set {
      scalars.removeAll { $0.name == name }
      if let newValue { scalars.append((name, newValue)) }
    }
  }

  /// A 1-D array (per training point, per step, ...).
  public mutating func set(_ name: String, _ values: [Double]) {
    set(name, NDArray(values))
  }

  public mutating func set(_ name: String, _ array: NDArray<Double>) {
    arrays.removeAll { $0.name == name }
    arrays.append((name, array))
  }

  /// A short text, stored as an attribute of the point.
  public mutating func note(_ name: String, _ text: String) {
    notes.removeAll { $0.name == name }
    notes.append((name, text))
  }
}
