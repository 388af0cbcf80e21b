import CBLAS

/// Eigenvalues (ascending) and, optionally, orthonormal eigenvectors of a real
/// symmetric matrix, by LAPACK's divide-and-conquer solver `dsyevd`.
///
/// Only the upper triangle of the input is read. `vectors[i, k]` is component
/// i of the eigenvector for `values[k]` (eigenvectors are the columns).
public struct SymmetricEigen: Sendable, Equatable {
  public let values: [Double]
  public let vectors: Matrix?

  /// Decomposes `a` (square, symmetric). Throws when LAPACK reports a failure
  /// (a non-finite entry, or the algorithm did not converge).
  public init(_ a: Matrix, vectors wantVectors: Bool = false) throws(EigenError) {
    precondition(a.rows == a.cols, "SymmetricEigen: the matrix is \(a.rows)×\(a.cols), not square")
    let n = a.rows
    guard n > 0 else {
      values = []
      vectors = wantVectors ? Matrix(zeros: 0, 0) : nil
      return
    }
    guard a.storage.allSatisfy(\.isFinite) else { throw EigenError(info: -5, size: n) }
    var work = a.storage
    var w = [Double](repeating: 0, count: n)
    let jobz = CChar(UInt8(ascii: wantVectors ? "V" : "N"))
    let uplo = CChar(UInt8(ascii: "U"))
    let info = work.withUnsafeMutableBufferPointer { pa in
      w.withUnsafeMutableBufferPointer { pw in
        LAPACKE_dsyevd(LAPACK_ROW_MAJOR, jobz, uplo, Int32(n), pa.baseAddress, Int32(n), pw.baseAddress)
      }
    }
    guard info == 0 else { throw EigenError(info: Int(info), size: n) }
    values = w
    vectors = wantVectors ? Matrix(rows: n, cols: n, storage: work) : nil
  }

  /// The largest eigenvalue.
  public var largest: Double { values.last ?? .nan }
  /// The smallest eigenvalue.
  public var smallest: Double { values.first ?? .nan }

  /// The eigenvector for `values[k]`, as a new array (needs `vectors: true`).
  public func vector(_ k: Int) -> [Double] {
    guard let v = vectors else { preconditionFailure("SymmetricEigen: eigenvectors were not computed") }
    return (0..<v.rows).map { v[$0, k] }
  }
}

/// LAPACK's `dsyevd` failed: `info` < 0 names a bad argument (−5: a non-finite entry), > 0 non-convergence.
public struct EigenError: Error, CustomStringConvertible, Equatable, Sendable {
  public let info: Int
  public let size: Int

  public var description: String {
    info == -5
      ? "symmetric eigensolver: the \(size)×\(size) matrix has a non-finite entry"
      : info < 0
        ? "symmetric eigensolver: LAPACK rejected argument \(-info) for a \(size)×\(size) matrix"
        : "symmetric eigensolver: LAPACK dsyevd did not converge on a \(size)×\(size) matrix (info \(info))"
  }
}
