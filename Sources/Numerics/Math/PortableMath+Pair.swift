/// `PortableMath.tanh` on two values at once (the lanes of `SIMD2<Double>`, one SSE2/NEON register), for the
/// kernels' tanh lanes (`TanhLanes`). Bit for bit the scalar `tanh(_: Double)` on each lane (`PortableTanhPairTests`):
/// when both lanes take the same branch of the scalar code, exactly that branch's IEEE operations run on both lanes;
/// when they do not, each lane goes through the scalar function.
/// - |x| < log(3)/2 on both lanes: t = expm1(−2|x|) with k = round(−2|x|/ln 2) ∈ {0, −1, −2} (−2|x| > −log 3 >
///   −2.5·ln 2 rules out k ≤ −3; k = 1 cannot occur); the k = 0 reconstruction alone when both lanes have k = 0
///   (|x| ≲ 0.17, where the networks' pre-activations mostly are), else the three selected by lane masks; then
///   −t/(t + 2); lanes below 2⁻²⁸ return x.
/// - log(3)/2 ≤ |x| < 22 on both lanes: t = expm1(2|x|) with k ≥ 2 (2|x|/ln 2 ≥ 1.58), fdlibm's k > 1
///   reconstruction, then 1 − 2/(t + 2).
/// - otherwise (mixed branches, |x| ≥ 22, NaN): the scalar function per lane.
/// Both lanes' divisions run as one vector division: 1.3–2.1× faster than two scalar calls (measured on this
/// machine's EPYC over inputs uniform in ±0.15, ±0.5, ±1.5, ±4 and [1, 8]); the SIMD2 `tanh` that computes every
/// branch is slower than the scalar one.
extension PortableMath {
  @inlinable @inline(__always) public static func tanhPair(_ x: SIMD2<Double>) -> SIMD2<Double> {
    let xBits: SIMD2<UInt64> = unsafeBitCast(x, to: SIMD2<UInt64>.self)
    let sign: SIMD2<UInt64> = xBits & 0x8000_0000_0000_0000
    let a: SIMD2<Double> = unsafeBitCast(xBits & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD2<Double>.self)
    let twoA: SIMD2<Double> = a + a
    let small = a .< SIMD2(repeating: 0.54930614433405489)
    if all(small) {
      let q = PairReduction(-twoA)
      let e0: SIMD2<Double> = q.correction()
      var t: SIMD2<Double> = q.r - (q.r * e0 - q.hxs)  // k = 0
      let zero = q.kf .== 0
      if !all(zero) {
        let e: SIMD2<Double> = q.error(e0)
        let kMinusOne: SIMD2<Double> = 0.5 * (q.r - e) - 0.5
        let kNegative: SIMD2<Double> = (1 - (e - q.r)) * q.twoPowK - 1
        t = select(zero, t, select(q.kf .== -1, kMinusOne, kNegative))
      }
      let z: SIMD2<Double> = -t / (t + 2)
      let signed = unsafeBitCast(unsafeBitCast(z, to: SIMD2<UInt64>.self) | sign, to: SIMD2<Double>.self)
      return select(a .< SIMD2(repeating: 0x1p-28), x, signed)
    }
    if !any(small) && all(a .< SIMD2(repeating: 22.0)) {
      let q = PairReduction(twoA)
      let e: SIMD2<Double> = q.error(q.correction())
      let oneMinusTwoPowMinusK: SIMD2<Double> =
        1 - unsafeBitCast((1023 &- q.k) &<< 52, to: SIMD2<Double>.self)
      let t: SIMD2<Double> = (oneMinusTwoPowMinusK - (e - q.r)) * q.twoPowK
      let z: SIMD2<Double> = 1 - 2 / (t + 2)
      return unsafeBitCast(unsafeBitCast(z, to: SIMD2<UInt64>.self) | sign, to: SIMD2<Double>.self)
    }
    return SIMD2(tanh(x[0]), tanh(x[1]))
  }
}

/// fdlibm's `expm1` argument reduction u = k·ln 2 + r on two lanes, with its polynomial: the IEEE operations of
/// `expm1Reduced`, in its order. Each step has an explicit type: written as one expression mixing scalars and
/// vectors, `tanhPair` took the type checker 13 s (`-debug-time-function-bodies`), twice per release build.
@usableFromInline struct PairReduction {
  @usableFromInline let kf: SIMD2<Double>
  @usableFromInline let k: SIMD2<Int64>
  @usableFromInline let hi: SIMD2<Double>
  @usableFromInline let lo: SIMD2<Double>
  @usableFromInline let r: SIMD2<Double>
  @usableFromInline let hfx: SIMD2<Double>
  @usableFromInline let hxs: SIMD2<Double>

  @inlinable @inline(__always) init(_ u: SIMD2<Double>) {
    // The constants of `expm1Reduced` as local values (the static properties are not always inlined into a vector
    // expression).
    let ln2Hi: Double = 6.93147180369123816490e-01
    let ln2Lo: Double = 1.90821492927058770002e-10
    let invLn2: Double = 1.44269504088896338700e+00
    let shift: Double = 6755399441055744.0
    let exponentBits: Int64 = 0x4338_0000_0000_0000
    let shifted: SIMD2<Double> = invLn2 * u + shift
    kf = shifted - shift
    k = unsafeBitCast(shifted, to: SIMD2<Int64>.self) &- exponentBits
    hi = u - kf * ln2Hi
    lo = kf * ln2Lo
    r = hi - lo
    hfx = 0.5 * r
    hxs = r * hfx
  }

  /// 2^k as a double.
  @inlinable @inline(__always) var twoPowK: SIMD2<Double> {
    unsafeBitCast((1023 &+ k) &<< 52, to: SIMD2<Double>.self)
  }

  /// e0 = hxs·((r1 − t3)/(6 − r·t3)) with r1 = 1 + hxs·(q1 + hxs·(q2 + hxs·(q3 + hxs·(q4 + hxs·q5)))) (Horner, from
  /// the inside out) and t3 = 3 − r1·hfx.
  @inlinable @inline(__always) func correction() -> SIMD2<Double> {
    let q1: Double = -3.33333333333331316428e-02
    let q2: Double = 1.58730158725481460165e-03
    let q3: Double = -7.93650757867487942473e-05
    let q4: Double = 4.00821782732936239552e-06
    let q5: Double = -2.01099218183624371326e-07
    var p: SIMD2<Double> = hxs * q5
    p = hxs * (q4 + p)
    p = hxs * (q3 + p)
    p = hxs * (q2 + p)
    p = hxs * (q1 + p)
    let r1: SIMD2<Double> = 1 + p
    let t3: SIMD2<Double> = 3 - r1 * hfx
    let ratio: SIMD2<Double> = (r1 - t3) / (6 - r * t3)
    return hxs * ratio
  }

  /// e = (r·(e0 − c) − c) − hxs with c = (hi − r) − lo, the rounding error of r.
  @inlinable @inline(__always) func error(_ e0: SIMD2<Double>) -> SIMD2<Double> {
    let c: SIMD2<Double> = (hi - r) - lo
    let inner: SIMD2<Double> = r * (e0 - c) - c
    return inner - hxs
  }
}
