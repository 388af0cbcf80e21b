import CBLAS

/// The Cholesky factor R (upper triangular, RᵀR = Q_PP) of a symmetric positive definite matrix restricted
/// to a growing and shrinking ordered set P of its indices: a column is appended by one triangular solve and
/// removed by Givens rotations, O(k²) each for k = |P|, where refactoring costs k³/3. What an active-set
/// method needs when its set changes by one index per step (`NNLS`).
///
/// R is stored column-major with leading dimension `capacity`, so BLAS's triangular solves run on it in place.
struct UpdatableCholesky {
  let capacity: Int
  /// k = |P|: R is k × k.
  private(set) var size = 0
  private var r: [Double]
  private var work: [Double]

  init(capacity: Int) {
    self.capacity = max(capacity, 1)
    r = [Double](repeating: 0, count: self.capacity * self.capacity)
    work = [Double](repeating: 0, count: self.capacity)
  }

  /// A column whose squared distance to the span of the others is below this share of its squared norm
  /// counts as dependent on them.
  static let dependence = 1e-13

  /// Appends the index whose Gram entries against P (in P's order) are `column` and whose diagonal entry is
  /// `diagonal`. Returns false, leaving R unchanged, when that column is (numerically) in the span of P's.
  mutating func append(column: [Double], diagonal: Double) -> Bool {
    let k = size
    precondition(column.count == k && k < capacity, "UpdatableCholesky: column of \(column.count) at size \(k)")
    for i in 0..<k { work[i] = column[i] }
    if k > 0 {
      r.withUnsafeBufferPointer { pr in
        work.withUnsafeMutableBufferPointer { pw in
          // Rᵀ t = column.
          cblas_dtrsv(
            CblasColMajor, CblasUpper, CblasTrans, CblasNonUnit, Int32(k), pr.baseAddress, Int32(capacity),
            pw.baseAddress, 1)
        }
      }
    }
    var squared = diagonal
    for i in 0..<k { squared -= work[i] * work[i] }
    guard squared > UpdatableCholesky.dependence * diagonal, squared.isFinite else { return false }
    for i in 0..<k { r[i + k * capacity] = work[i] }
    r[k + k * capacity] = squared.squareRoot()
    size = k + 1
    return true
  }

  /// Factors afresh the block of `q` on `indices` (in that order), by LAPACK's blocked Cholesky: k³/3 flops at
  /// GEMM speed, where k appends take k³/3 at matrix–vector speed. Returns false, leaving the factor empty,
  /// when the block is not (numerically) positive definite.
  mutating func factor(_ q: Matrix, indices: [Int]) -> Bool {
    let k = indices.count
    precondition(k <= capacity, "UpdatableCholesky: \(k) indices for capacity \(capacity)")
    size = 0
    guard k > 0 else { return true }
    for (b, j) in indices.enumerated() {
      for (a, i) in indices.enumerated() where a <= b { r[a + b * capacity] = q[i, j] }
    }
    let info = r.withUnsafeMutableBufferPointer { pr in
      LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(k), pr.baseAddress, Int32(capacity))
    }
    guard info == 0 else { return false }
    // The same test as `append`: every pivot clear of dependence on the columns before it.
    for b in 0..<k {
      let pivot = r[b + b * capacity]
      guard pivot.isFinite, pivot * pivot > UpdatableCholesky.dependence * q[indices[b], indices[b]] else {
        return false
      }
    }
    size = k
    return true
  }

  /// Removes the index at position `t` of P: its column goes, the columns after it move left, and Givens
  /// rotations on neighbouring rows restore the triangle.
  mutating func remove(at t: Int) {
    let k = size
    precondition(t >= 0 && t < k, "UpdatableCholesky: no position \(t) at size \(k)")
    for j in (t + 1)..<k {
      for i in 0...j { r[i + (j - 1) * capacity] = r[i + j * capacity] }
    }
    r.withUnsafeMutableBufferPointer { pr in
      let base = pr.baseAddress!
      for i in t..<(k - 1) {
        // Zero R[i+1, i] against R[i, i], rotating rows i and i+1 over columns i..<k−1.
        var a = base[i + i * capacity]
        var b = base[i + 1 + i * capacity]
        var c = 0.0
        var s = 0.0
        cblas_drotg(&a, &b, &c, &s)
        cblas_drot(
          Int32(k - 1 - i), base + (i + i * capacity), Int32(capacity), base + (i + 1 + i * capacity), Int32(capacity),
          c, s)
        base[i + 1 + i * capacity] = 0
        if base[i + i * capacity] < 0 {  // keep the diagonal positive: flip row i
          for j in i..<(k - 1) { base[i + j * capacity] = -base[i + j * capacity] }
        }
      }
    }
    size = k - 1
  }

  /// z with RᵀR z = b (b in P's order).
  func solve(_ b: [Double]) -> [Double] {
    var z = b
    let k = size
    guard k > 0 else { return z }
    r.withUnsafeBufferPointer { pr in
      z.withUnsafeMutableBufferPointer { pz in
        cblas_dtrsv(
          CblasColMajor, CblasUpper, CblasTrans, CblasNonUnit, Int32(k), pr.baseAddress, Int32(capacity),
          pz.baseAddress, 1)
        cblas_dtrsv(
          CblasColMajor, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(k), pr.baseAddress, Int32(capacity),
          pz.baseAddress, 1)
      }
    }
    return z
  }
}
