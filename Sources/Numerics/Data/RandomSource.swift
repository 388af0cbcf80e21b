import Foundation

/// A seeded random stream (xoshiro256**). A stream is named by a key string;
/// the same key always gives the same numbers, on any thread, in any order.
/// The harness keys each sweep point by (experiment id, the point's
/// parameters, seed), so a point's data never depends on which other points ran.
public struct RandomSource: RandomNumberGenerator, Sendable {
  private var s: (UInt64, UInt64, UInt64, UInt64)
  private var spareNormal: Double?

  /// A stream from a 64-bit seed, expanded with SplitMix64.
  public init(seed: UInt64) {
    var x = seed
    func splitmix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s = (splitmix(), splitmix(), splitmix(), splitmix())
  }

  /// A stream named by a key (hashed with 64-bit FNV-1a over its UTF-8 bytes).
  public init(key: String) {
    self.init(seed: RandomSource.hash(key))
  }

  /// 64-bit FNV-1a: stable across runs and platforms (unlike `Hasher`).
  public static func hash(_ key: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key.utf8 {
      h ^= UInt64(byte)
      h = h &* 0x100_0000_01b3
    }
    return h
  }

  /// An independent child stream, e.g. one per restart: determined by this stream's current state and `label`
  /// (so the same stream, asked at the same point of its draws, always derives the same child).
  public func derived(_ label: String) -> RandomSource {
    var copy = self
    let mix = copy.next() ^ RandomSource.hash(label)
    return RandomSource(seed: mix)
  }

  public mutating func next() -> UInt64 {
    let result = rotl(s.1 &* 5, 7) &* 9
    let t = s.1 << 17
    s.2 ^= s.0
    s.3 ^= s.1
    s.1 ^= s.2
    s.0 ^= s.3
    s.2 ^= t
    s.3 = rotl(s.3, 45)
    return result
  }

  @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// Uniform on [0, 1) with 53 random bits.
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Uniform on [a, b).
  public mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * uniform() }

  /// Set by the environment variable `REPRO_PERTURB_INPUTS=1` (which `repro sensitivity` uses): every
  /// normal draw moves up by one ulp, so the data, the initial weights and the attacks' starts are
  /// perturbed at the level of rounding. Off in every ordinary run.
  public static let perturbsInputs = ProcessInfo.processInfo.environment["REPRO_PERTURB_INPUTS"] == "1"

  /// Standard normal (Box–Muller; the second value of each pair is kept for the next call).
  public mutating func normal() -> Double {
    if let z = spareNormal {
      spareNormal = nil
      return RandomSource.perturbsInputs ? z.nextUp : z
    }
    var u1 = uniform()
    while u1 == 0 { u1 = uniform() }
    let u2 = uniform()
    let r = (-2 * log(u1)).squareRoot()
    spareNormal = r * sin(2 * Double.pi * u2)
    let z = r * cos(2 * Double.pi * u2)
    return RandomSource.perturbsInputs ? z.nextUp : z
  }

  /// n independent N(mean, sd²) values.
  public mutating func normals(_ n: Int, mean: Double = 0, sd: Double = 1) -> [Double] {
    (0..<n).map { _ in mean + sd * normal() }
  }

  /// ±1 with equal probability.
  public mutating func rademacher() -> Double { next() >> 63 == 0 ? 1 : -1 }

  /// A point uniform on the sphere of the given radius in R^d.
  public mutating func onSphere(dimension d: Int, radius: Double) -> [Double] {
    var x = normals(d)
    var r = norm(x)
    while r == 0 {
      x = normals(d)
      r = norm(x)
    }
    return x.map { $0 * radius / r }
  }

  /// A rows×cols matrix of N(0, sd²) entries.
  public mutating func normalMatrix(_ rows: Int, _ cols: Int, sd: Double = 1) -> Matrix {
    Matrix(rows: rows, cols: cols, storage: normals(rows * cols, sd: sd))
  }
}
