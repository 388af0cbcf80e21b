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
    // The constants of `expm1Reduced` as local values (the static properties are not always inlined into a
    // vector expression).
    let ln2Hi: Double = 6.93147180369123816490e-01
    let ln2Lo: Double = 1.90821492927058770002e-10
    let invLn2: Double = 1.44269504088896338700e+00
    let shift: Double = 6755399441055744.0
    let q1: Double = -3.33333333333331316428e-02
    let q2: Double = 1.58730158725481460165e-03
    let q3: Double = -7.93650757867487942473e-05
    let q4: Double = 4.00821782732936239552e-06
    let q5: Double = -2.01099218183624371326e-07
    let exponentBits: Int64 = 0x4338_0000_0000_0000
    let xBits = unsafeBitCast(x, to: SIMD2<UInt64>.self)
    let sign = xBits & 0x8000_0000_0000_0000
    let a = unsafeBitCast(xBits & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD2<Double>.self)
    let twoA = a + a
    let small = a .< SIMD2(repeating: 0.54930614433405489)
    if all(small) {
      let u = -twoA
      let shifted = invLn2 * u + shift
      let kf = shifted - shift
      let hi = u - kf * ln2Hi
      let lo = kf * ln2Lo
      let r = hi - lo
      let hfx = 0.5 * r
      let hxs = r * hfx
      let r1 = 1 + hxs * (q1 + hxs * (q2 + hxs * (q3 + hxs * (q4 + hxs * q5))))
      let t3 = 3 - r1 * hfx
      let e0 = hxs * ((r1 - t3) / (6 - r * t3))
      var t = r - (r * e0 - hxs)  // k = 0
      let zero = kf .== 0
      if !all(zero) {
        let c = (hi - r) - lo
        let e = (r * (e0 - c) - c) - hxs
        let kMinusOne = 0.5 * (r - e) - 0.5
        let k = unsafeBitCast(shifted, to: SIMD2<Int64>.self) &- exponentBits
        let twoPowK = unsafeBitCast((1023 &+ k) &<< 52, to: SIMD2<Double>.self)
        let kNegative = (1 - (e - r)) * twoPowK - 1
        t = select(zero, t, select(kf .== -1, kMinusOne, kNegative))
      }
      let z = -t / (t + 2)
      let signed = unsafeBitCast(unsafeBitCast(z, to: SIMD2<UInt64>.self) | sign, to: SIMD2<Double>.self)
      return select(a .< SIMD2(repeating: 0x1p-28), x, signed)
    }
    if !any(small) && all(a .< SIMD2(repeating: 22.0)) {
      let u = twoA
      let shifted = invLn2 * u + shift
      let kf = shifted - shift
      let k = unsafeBitCast(shifted, to: SIMD2<Int64>.self) &- exponentBits
      let hi = u - kf * ln2Hi
      let lo = kf * ln2Lo
      let r = hi - lo
      let c = (hi - r) - lo
      let hfx = 0.5 * r
      let hxs = r * hfx
      let r1 = 1 + hxs * (q1 + hxs * (q2 + hxs * (q3 + hxs * (q4 + hxs * q5))))
      let t3 = 3 - r1 * hfx
      let e0 = hxs * ((r1 - t3) / (6 - r * t3))
      let e = (r * (e0 - c) - c) - hxs
      let twoPowK = unsafeBitCast((1023 &+ k) &<< 52, to: SIMD2<Double>.self)
      let oneMinusTwoPowMinusK = 1 - unsafeBitCast((1023 &- k) &<< 52, to: SIMD2<Double>.self)
      let t = (oneMinusTwoPowMinusK - (e - r)) * twoPowK
      let z = 1 - 2 / (t + 2)
      return unsafeBitCast(unsafeBitCast(z, to: SIMD2<UInt64>.self) | sign, to: SIMD2<Double>.self)
    }
    return SIMD2(tanh(x[0]), tanh(x[1]))
  }
}
