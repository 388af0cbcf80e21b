import Foundation

/// The work of one sweep point, as its module declares it from the point's shapes, in units this machine has a
/// rate for: GEMM flops (products of matrices: forward and backward passes, Gram matrices, solves), matrix–vector
/// flops (an attack's per-point products, bound by memory rather than arithmetic) and elementwise operations
/// (activations, losses, projections), and a count of small calls whose fixed cost dominates at small shapes
/// (an attack's step or a training step at m = 64 costs microseconds whatever its flops), and (point, unit) pairs
/// of the vectorised activation kernels (σ, σ' and the weighted sum in one pass: gao2019's evaluations). `what` is
/// the formula in one line ("steps·4·n·m·d + …"). `repro run
/// --dry-run` turns it into seconds with `MachineRates` (`make bench`'s, or calibrated on the stored baseline).
public struct CostEstimate: Sendable, Equatable {
  public var gemmFlops: Double
  public var gemvFlops: Double
  public var elementwise: Double
  public var calls: Double
  public var pairs: Double
  public var what: String

  public init(
    gemmFlops: Double, gemvFlops: Double = 0, elementwise: Double = 0, calls: Double = 0, pairs: Double = 0,
    _ what: String
  ) {
    self.gemmFlops = gemmFlops
    self.gemvFlops = gemvFlops
    self.elementwise = elementwise
    self.calls = calls
    self.pairs = pairs
    self.what = what
  }

  /// The same work described by another formula (a module's one-line summary of its parts).
  public func described(_ what: String) -> CostEstimate {
    var c = self
    c.what = what
    return c
  }

  /// The work of both.
  public static func + (a: CostEstimate, b: CostEstimate) -> CostEstimate {
    CostEstimate(
      gemmFlops: a.gemmFlops + b.gemmFlops, gemvFlops: a.gemvFlops + b.gemvFlops,
      elementwise: a.elementwise + b.elementwise, calls: a.calls + b.calls, pairs: a.pairs + b.pairs,
      a.what + " + " + b.what)
  }

  /// "6.0 TFLOP GEMM, 11 TFLOP matrix–vector, 57 G elementwise, 5.6 M calls".
  public var summary: String {
    func f(_ x: Double) -> String {
      for (unit, size) in [("P", 1e15), ("T", 1e12), ("G", 1e9), ("M", 1e6), ("k", 1e3)] where x >= size {
        return (x / size < 10 ? String(format: "%.1f ", x / size) : "\(Int((x / size).rounded())) ") + unit
      }
      return "\(Int(x.rounded())) "
    }
    func g(_ x: Double) -> String { f(x).trimmingCharacters(in: .whitespaces) }
    return
      "\(f(gemmFlops))FLOP GEMM, \(f(gemvFlops))FLOP matrix–vector, \(g(elementwise)) elementwise, \(g(calls)) calls"
      + (pairs > 0 ? ", \(g(pairs)) activation pairs" : "")
  }

  /// The seconds on one core at `rates`.
  public func seconds(at rates: MachineRates) -> Double {
    gemmFlops / rates.gemm + gemvFlops / rates.gemv + elementwise / rates.elementwise + calls / rates.calls
      + pairs / rates.pairs
  }
}

/// This machine's rates on one core: DGEMM flops/s, matrix–vector flops/s, elementwise operations/s, small
/// calls/s and (point, unit) pairs/s of the vectorised activation kernel (`Activation.weightedSum` with slopes).
/// A rates file without `pairs` (written before it was measured) does not decode: `make bench` again.
/// `make bench` (repro-bench) measures them and writes `results/.machine-rates.json` with the CPU's model name;
/// `nominal` are the figures measured on the AMD EPYC this harness was tuned on, used only as relative weights
/// when the estimate is calibrated on a stored baseline instead.
public struct MachineRates: Sendable, Equatable, Codable {
  public var gemm: Double
  public var gemv: Double
  public var elementwise: Double
  public var calls: Double
  public var pairs: Double
  public var cpu: String

  public init(gemm: Double, gemv: Double, elementwise: Double, calls: Double, pairs: Double = 3.7e9, cpu: String) {
    self.gemm = gemm
    self.gemv = gemv
    self.elementwise = elementwise
    self.calls = calls
    self.pairs = pairs
    self.cpu = cpu
  }

  public static let nominal = MachineRates(
    gemm: 50e9, gemv: 16e9, elementwise: 1e9, calls: 1.3e6, pairs: 3.7e9, cpu: "")

  /// The rates file `make bench` writes under a results directory.
  public static func path(results: String) -> String { results + "/.machine-rates.json" }

  /// The rates in `path` if they were measured on a CPU of this model name; nil otherwise.
  public static func read(_ path: String, cpu: String) -> MachineRates? {
    guard let data = FileManager.default.contents(atPath: path),
      let rates = try? JSONDecoder().decode(MachineRates.self, from: data), rates.cpu == cpu,
      rates.gemm > 0, rates.gemv > 0, rates.elementwise > 0, rates.calls > 0, rates.pairs > 0
    else { return nil }
    return rates
  }

  /// Writes the rates to `path` atomically (a temporary file renamed into place).
  public func write(_ path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
  }
}
