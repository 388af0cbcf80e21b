// Products too small for BLAS: C[i, j] = Σ_{t<k} A(i, t)·B[t, j] in plain loops, for the tiny GEMMs of gao2019's
// attacks and training (n, d ≤ 20, m ≤ 64 at the capacity module's paper preset). A call to OpenBLAS's dgemm
// costs more than such a product's arithmetic, and its pthread build takes a process-wide lock for its buffer
// pool on every call, so two runner jobs making ~10⁵ tiny calls a second each spent a sixth of their time in
// futexes (`--jobs 2` hardly faster than one job). These loops take no lock and allocate nothing.
//
// The order is fixed and does not depend on the CPU or on where an element falls in the blocking: every
// element is its own sum ((A(i,0)·B[0,j] + A(i,1)·B[1,j]) + A(i,2)·B[2,j]) + … in the order of t, one product
// and one add per term (Swift contracts no multiply–add into an FMA). Rows go two at a time and columns eight at
// a time as four two-lane registers (`SIMD2`, one SSE2 / NEON register: the baseline of every x86-64 and arm64),
// so one load of B serves two rows and eight independent sums hide the adds' latency; the lanes only place
// independent elements side by side, so a 1 × 1 call gives the same bits as a 64 × 64 one.

/// The largest product (rows·cols·terms multiply–adds) `MarginBatch` sends to `smallProduct` instead of BLAS.
/// Below it the call and its lock cost more than the arithmetic (capacity's largest: 20·64·20 = 25 600).
public let smallProductLimit = 65_536

/// C[i, j] ← Σ_{t<k} A(i, t)·B[t, j] for i < `rows`, j < `cols`, in the order of t (see above).
/// A(i, t) = a[i·`rowStride` + t·`termStride`] (so Aᵀ is a stride swap), B and C row-major with row strides
/// `bStride`, `cStride`. C must not overlap A or B. With k = 0, C ← 0.
public func smallProduct(
  _ a: UnsafePointer<Double>, rowStride: Int, termStride: Int, _ b: UnsafePointer<Double>, bStride: Int,
  into c: UnsafeMutablePointer<Double>, cStride: Int, rows n: Int, cols m: Int, terms k: Int
) {
  guard n > 0 && m > 0 else { return }
  guard k > 0 else {
    for i in 0..<n { (c + i * cStride).update(repeating: 0, count: m) }
    return
  }
  var i = 0
  while i + 2 <= n {
    productRows2(
      a + i * rowStride, a + (i + 1) * rowStride, termStride, b, bStride, c + i * cStride,
      c + (i + 1) * cStride, m, k)
    i += 2
  }
  if i < n { productRow(a + i * rowStride, termStride, b, bStride, c + i * cStride, m, k) }
}

@inline(__always)
private func lanes(_ p: UnsafePointer<Double>) -> SIMD2<Double> {
  UnsafeRawPointer(p).loadUnaligned(as: SIMD2<Double>.self)
}

@inline(__always)
private func put(_ x: SIMD2<Double>, _ p: UnsafeMutablePointer<Double>) {
  UnsafeMutableRawPointer(p).storeBytes(of: x, as: SIMD2<Double>.self)
}

/// Two rows of C (A's rows at `a0`, `a1`).
@inline(__always)
private func productRows2(
  _ a0: UnsafePointer<Double>, _ a1: UnsafePointer<Double>, _ ts: Int, _ b: UnsafePointer<Double>, _ ldb: Int,
  _ c0: UnsafeMutablePointer<Double>, _ c1: UnsafeMutablePointer<Double>, _ m: Int, _ k: Int
) {
  var j = 0
  while j + 8 <= m {
    let u = SIMD2(repeating: a0[0])
    let v = SIMD2(repeating: a1[0])
    let b0 = lanes(b + j)
    let b1 = lanes(b + j + 2)
    let b2 = lanes(b + j + 4)
    let b3 = lanes(b + j + 6)
    var (p0, p1, p2, p3) = (u * b0, u * b1, u * b2, u * b3)
    var (q0, q1, q2, q3) = (v * b0, v * b1, v * b2, v * b3)
    var t = 1
    while t < k {
      let bt = b + t * ldb + j
      let u = SIMD2(repeating: a0[t * ts])
      let v = SIMD2(repeating: a1[t * ts])
      let b0 = lanes(bt)
      let b1 = lanes(bt + 2)
      let b2 = lanes(bt + 4)
      let b3 = lanes(bt + 6)
      p0 += u * b0
      p1 += u * b1
      p2 += u * b2
      p3 += u * b3
      q0 += v * b0
      q1 += v * b1
      q2 += v * b2
      q3 += v * b3
      t += 1
    }
    put(p0, c0 + j)
    put(p1, c0 + j + 2)
    put(p2, c0 + j + 4)
    put(p3, c0 + j + 6)
    put(q0, c1 + j)
    put(q1, c1 + j + 2)
    put(q2, c1 + j + 4)
    put(q3, c1 + j + 6)
    j += 8
  }
  while j + 2 <= m {
    let b0 = lanes(b + j)
    var p = SIMD2(repeating: a0[0]) * b0
    var q = SIMD2(repeating: a1[0]) * b0
    var t = 1
    while t < k {
      let bt = lanes(b + t * ldb + j)
      p += SIMD2(repeating: a0[t * ts]) * bt
      q += SIMD2(repeating: a1[t * ts]) * bt
      t += 1
    }
    put(p, c0 + j)
    put(q, c1 + j)
    j += 2
  }
  if j < m {
    var p = a0[0] * b[j]
    var q = a1[0] * b[j]
    var t = 1
    while t < k {
      let bt = b[t * ldb + j]
      p += a0[t * ts] * bt
      q += a1[t * ts] * bt
      t += 1
    }
    c0[j] = p
    c1[j] = q
  }
}

/// One row of C (A's row at `a0`): the same sums as `productRows2`'s first row.
@inline(__always)
private func productRow(
  _ a0: UnsafePointer<Double>, _ ts: Int, _ b: UnsafePointer<Double>, _ ldb: Int, _ c0: UnsafeMutablePointer<Double>,
  _ m: Int, _ k: Int
) {
  var j = 0
  while j + 8 <= m {
    let u = SIMD2(repeating: a0[0])
    var (p0, p1, p2, p3) = (u * lanes(b + j), u * lanes(b + j + 2), u * lanes(b + j + 4), u * lanes(b + j + 6))
    var t = 1
    while t < k {
      let bt = b + t * ldb + j
      let u = SIMD2(repeating: a0[t * ts])
      p0 += u * lanes(bt)
      p1 += u * lanes(bt + 2)
      p2 += u * lanes(bt + 4)
      p3 += u * lanes(bt + 6)
      t += 1
    }
    put(p0, c0 + j)
    put(p1, c0 + j + 2)
    put(p2, c0 + j + 4)
    put(p3, c0 + j + 6)
    j += 8
  }
  while j + 2 <= m {
    var p = SIMD2(repeating: a0[0]) * lanes(b + j)
    var t = 1
    while t < k {
      p += SIMD2(repeating: a0[t * ts]) * lanes(b + t * ldb + j)
      t += 1
    }
    put(p, c0 + j)
    j += 2
  }
  if j < m {
    var p = a0[0] * b[j]
    var t = 1
    while t < k {
      p += a0[t * ts] * b[t * ldb + j]
      t += 1
    }
    c0[j] = p
  }
}
