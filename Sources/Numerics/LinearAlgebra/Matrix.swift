/// A dense row-major matrix of Doubles. Element (i, j) is `storage[i * cols + j]`.
/// Products go through BLAS (`BLAS.swift`); this type only owns the numbers.
public struct Matrix: Sendable, Equatable {
  public let rows: Int
  public let cols: Int
  public var storage: [Double]

  public init(rows: Int, cols: Int, storage: [Double]) {
    precondition(
      rows >= 0 && cols >= 0 && storage.count == rows * cols,
      "Matrix: \(rows)×\(cols) needs \(rows * cols) values, got \(storage.count)")
    self.rows = rows
    self.cols = cols
    self.storage = storage
  }

  public init(zeros rows: Int, _ cols: Int) {
    self.init(rows: rows, cols: cols, storage: [Double](repeating: 0, count: rows * cols))
  }

  /// A matrix whose rows are the given vectors (all of one length).
  public init(rowVectors: [[Double]]) {
    let cols = rowVectors.first?.count ?? 0
    precondition(rowVectors.allSatisfy { $0.count == cols }, "Matrix(rowVectors:): rows differ in length")
    self.init(rows: rowVectors.count, cols: cols, storage: rowVectors.flatMap { $0 })
  }

  @inlinable public subscript(i: Int, j: Int) -> Double {
    get { storage[i * cols + j] }
    set { storage[i * cols + j] = newValue }
  }

  /// Row i as a new array.
  public func row(_ i: Int) -> [Double] {
    Array(storage[(i * cols)..<((i + 1) * cols)])
  }

  /// The transpose, as a new matrix.
  public var transposed: Matrix {
    var t = Matrix(zeros: cols, rows)
    for i in 0..<rows {
      for j in 0..<cols { t.storage[j * rows + i] = storage[i * cols + j] }
    }
    return t
  }

  /// Frobenius norm squared.
  public var squaredNorm: Double { dot(storage, storage) }
}
