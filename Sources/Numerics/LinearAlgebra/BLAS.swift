import CBLAS

// Thin, allocation-free wrappers over CBLAS (OpenBLAS). Every matrix product
// in the project goes through `gemm`/`gemv` here.

public enum Transpose: Sendable {
  case none, transpose
  var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

/// C ← alpha·op(A)·op(B) + beta·C, all row-major.
public func gemm(
  _ a: Matrix, _ ta: Transpose, _ b: Matrix, _ tb: Transpose,
  into c: inout Matrix, alpha: Double = 1, beta: Double = 0
) {
  let m = ta == .none ? a.rows : a.cols
  let k = ta == .none ? a.cols : a.rows
  let kb = tb == .none ? b.rows : b.cols
  let n = tb == .none ? b.cols : b.rows
  precondition(
    k == kb && c.rows == m && c.cols == n,
    "gemm: shapes \(a.rows)×\(a.cols), \(b.rows)×\(b.cols) → \(c.rows)×\(c.cols) do not fit")
  guard m > 0 && n > 0 else { return }
  if k == 0 {
    for i in c.storage.indices { c.storage[i] *= beta }
    return
  }
  a.storage.withUnsafeBufferPointer { pa in
    b.storage.withUnsafeBufferPointer { pb in
      c.storage.withUnsafeMutableBufferPointer { pc in
        cblas_dgemm(
          CblasRowMajor, ta.cblas, tb.cblas, Int32(m), Int32(n), Int32(k), alpha,
          pa.baseAddress, Int32(max(1, a.cols)), pb.baseAddress, Int32(max(1, b.cols)), beta,
          pc.baseAddress, Int32(max(1, c.cols)))
      }
    }
  }
}

/// A·B as a new matrix.
public func product(_ a: Matrix, _ b: Matrix) -> Matrix { product(a, .none, b, .none) }

/// op(A)·op(B) as a new matrix.
public func product(_ a: Matrix, _ ta: Transpose, _ b: Matrix, _ tb: Transpose) -> Matrix {
  var c = Matrix(zeros: ta == .none ? a.rows : a.cols, tb == .none ? b.cols : b.rows)
  gemm(a, ta, b, tb, into: &c)
  return c
}

/// y ← alpha·op(A)·x + beta·y.
public func gemv(
  _ a: Matrix, _ ta: Transpose, _ x: [Double], into y: inout [Double],
  alpha: Double = 1, beta: Double = 0
) {
  let outLen = ta == .none ? a.rows : a.cols
  let inLen = ta == .none ? a.cols : a.rows
  precondition(
    x.count == inLen && y.count == outLen, "gemv: \(a.rows)×\(a.cols) with x of \(x.count) into y of \(y.count)")
  guard a.rows > 0 && a.cols > 0 else {
    for i in y.indices { y[i] *= beta }
    return
  }
  a.storage.withUnsafeBufferPointer { pa in
    x.withUnsafeBufferPointer { px in
      y.withUnsafeMutableBufferPointer { py in
        cblas_dgemv(
          CblasRowMajor, ta.cblas, Int32(a.rows), Int32(a.cols), alpha, pa.baseAddress,
          Int32(a.cols), px.baseAddress, 1, beta, py.baseAddress, 1)
      }
    }
  }
}

/// op(A)·x as a new vector.
public func product(_ a: Matrix, _ ta: Transpose = .none, _ x: [Double]) -> [Double] {
  var y = [Double](repeating: 0, count: ta == .none ? a.rows : a.cols)
  gemv(a, ta, x, into: &y)
  return y
}

public func dot(_ x: [Double], _ y: [Double]) -> Double {
  precondition(x.count == y.count, "dot: lengths \(x.count) and \(y.count)")
  return x.withUnsafeBufferPointer { px in
    y.withUnsafeBufferPointer { py in cblas_ddot(Int32(x.count), px.baseAddress, 1, py.baseAddress, 1) }
  }
}

public func norm(_ x: [Double]) -> Double {
  x.withUnsafeBufferPointer { cblas_dnrm2(Int32(x.count), $0.baseAddress, 1) }
}

/// y ← alpha·x + y.
public func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
  precondition(x.count == y.count, "axpy: lengths \(x.count) and \(y.count)")
  x.withUnsafeBufferPointer { px in
    y.withUnsafeMutableBufferPointer { py in
      cblas_daxpy(Int32(x.count), alpha, px.baseAddress, 1, py.baseAddress, 1)
    }
  }
}

/// BLAS threading. The runner parallelises over sweep points and keeps
/// BLAS single-threaded, which also makes every product deterministic.
public enum BLASThreads {
  public static func set(_ n: Int) { openblas_set_num_threads(Int32(n)) }
  public static var current: Int { Int(openblas_get_num_threads()) }
}

/// What OpenBLAS is and which kernels it chose at load time (`OPENBLAS_CORETYPE` overrides the choice).
public enum BLASInfo {
  /// The build configuration, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64".
  public static var configuration: String {
    text(openblas_get_config())
  }
  /// The core type whose kernels are in use, e.g. "Haswell", "SkylakeX", "Zen".
  public static var coreName: String {
    text(openblas_get_corename())
  }

  private static func text(_ c: UnsafeMutablePointer<CChar>?) -> String {
    guard let c else { return "unknown" }
    var s = String(cString: c)
    while s.last == " " { s.removeLast() }
    return s.isEmpty ? "unknown" : s
  }
}
