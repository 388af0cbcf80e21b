import Harness
import Numerics

// The setting shared by the deng2020 modules (`experiments/deng2020/`), reconstructed from the abstract
// (`shared/papers/deng2020.md`): f(x) = (1/√m)·Σ_r a_r·σ(w_r·x), a_r = ±1 fixed, w_r ~ N(0, I_d), σ smooth;
// the adversary maximises ℓ(δ) = ½(f(x + δ) − y)² over ‖δ‖ ≤ ε = r·s, s = ‖x‖.
// (This file sits beside the paper folders, not in one: every file in a paper folder is a module.)

/// The smooth activations the analysis allows. ReLU is left out on purpose: a gradient tolerance is
/// never met on its kinks, so it would only make the convergence claims meaningless.
public enum SmoothActivation: String, Sendable, CaseIterable {
  case tanh, softplus

  public var activation: Activation { self == .tanh ? .tanh : .softplus }
}

enum Deng2020 {
  /// A random stream shared by every sweep point that differs only in the parameters `across` (e.g. the
  /// input scale s): the network, the input's direction, the label and the restarts' directions are then
  /// the same at every s of a seed, so a comparison across s compares scales, not draws (common random
  /// numbers). Still a pure function of the experiment id, the other parameters and the seed.
  static func pairedStream(_ p: Point, experiment id: String, across names: [String]) -> RandomSource {
    RandomSource(key: Point(index: 0, values: p.values.filter { !names.contains($0.name) }).streamKey(experiment: id))
  }

  /// The network of the setting.
  static func network(_ p: Point, rng: inout RandomSource) -> TwoLayerNetwork {
    TwoLayerNetwork.fixedSigns(
      inputs: p.int("d"), width: p.int("m"), activation: p.choice("activation", as: SmoothActivation.self).activation,
      using: &rng)
  }

  /// The restarts' starting points: uniform on the sphere of radius ε, one derived stream per restart.
  static func starts(_ count: Int, dimension d: Int, radius epsilon: Double, rng: RandomSource) -> [[Double]] {
    (0..<count).map { k in
      var stream = rng.derived("restart \(k)")
      return stream.onSphere(dimension: d, radius: epsilon)
    }
  }

  /// The input scales of a result file, in sweep order.
  static func scales(_ results: Results) -> [Double] {
    results.levels("s").map { results.points(where: ["s": $0]).first!.real("s") }
  }

  /// "s = 0.25".
  static func label(_ s: Double) -> String { "s = \(formatReal(s))" }
}
