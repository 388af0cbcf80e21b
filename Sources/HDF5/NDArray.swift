/// An N-dimensional array in row-major (C) order: the unit of storage.
///
/// `shape == []` is a scalar holding exactly one value; a shape containing a
/// zero holds no values.
public struct NDArray<Element: Sendable & Equatable>: Sendable, Equatable {
  /// The extent of each dimension, outermost first.
  public var shape: [Int]
  /// The elements, last index varying fastest.
  public var values: [Element]

  /// An array of the given shape; `values.count` must equal the product of `shape`.
  public init(shape: [Int], values: [Element]) {
    precondition(shape.allSatisfy { $0 >= 0 }, "NDArray: negative extent in shape \(shape)")
    let expected = shape.reduce(1, *)
    precondition(
      expected == values.count,
      "NDArray: shape \(shape) needs \(expected) values, got \(values.count)")
    self.shape = shape
    self.values = values
  }

  /// A 1-D array.
  public init(_ values: [Element]) {
    self.init(shape: [values.count], values: values)
  }

  /// A 0-D (scalar) array.
  public init(scalar value: Element) {
    self.init(shape: [], values: [value])
  }

  /// The number of elements (the product of `shape`).
  public var count: Int { values.count }

  /// The number of dimensions.
  public var rank: Int { shape.count }
}
