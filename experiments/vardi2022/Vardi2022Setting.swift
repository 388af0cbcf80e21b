import Foundation
import Harness
import Numerics
import SharedExperiments

/// The setting every vardi2022 module shares (`experiments/vardi2022/README.md`, reconstructed): random
/// ±1 labels on inputs uniform on the sphere of radius √d (or N(0, I_d)); a bias-free two-layer
/// ReLU network with both layers trained from a small initialisation; exponential or logistic loss;
/// loss-normalised gradient descent, with each step's relative change of θ bounded so that the iterates
/// follow the gradient flow through its early phase, until the normalised margin has converged on the
/// flow's clock or a step budget. The parameters below are declared once here and listed by each module.
///
/// Common random numbers: a point's data are drawn from a stream keyed only by (d, n, data, seed) and
/// its initial network from one keyed only by (d, m, init_scale, seed), the same in every module; so a
/// width sweep compares the same data at each m, and a longer or differently stepped rerun can be
/// compared point by point.
enum Vardi2022 {
  static func width(paper: Int, quick: Int) -> Parameter {
    .int("m", "hidden width", paper: paper, quick: quick, in: 1...100_000)
  }

  /// The stream a point's data are drawn from, shared by every module of the paper: keyed by (d, n, data, seed) only.
  static func dataStream(_ p: Point) -> RandomSource {
    p.sharedStream("vardi2022 data", by: ["d", "n", "data", "seed"])
  }

  /// The stream a point's initial network is drawn from, shared by every module of the paper: keyed by
  /// (d, m, init_scale, seed) only.
  static func networkStream(_ p: Point) -> RandomSource {
    p.sharedStream("vardi2022 network", by: ["d", "m", "init_scale", "seed"])
  }

  /// A training set and a trainer for one sweep point, from the shared streams (`rng`, the point's own
  /// stream, is left for the attacks and random directions).
  static func trainer(_ p: Point, d: Int, n: Int, m: Int) -> (TrainingSet, Trainer) {
    var dataRNG = dataStream(p)
    var networkRNG = networkStream(p)
    let data = TrainingSet.random(points: n, dimension: d, distribution: p.choice("data"), rng: &dataRNG)
    let initial = TwoLayerNetwork.random(
      inputs: d, width: m, activation: .relu, initScale: p.real("init_scale"), using: &networkRNG)
    return (data, FlipStudy.trainer(p, data: data, initial: initial))
  }

  /// When the KKT diagnostics are undefined, for their descriptions (declared NaN where they are recorded).
  static let kktUndefined = FlipStudy.kktUndefined

  /// What a flip radius is measured along, for the descriptions of `recordRadii`.
  static let alongU =
    "the smallest t with sign N(x_i − t·y_i·u) ≠ y_i along the universal direction u (or a random one for the control; NaN if none within 10‖x_i‖)"
  static let alongVW =
    "the same flip radius along the network's own direction Σ_j v_j w_j (normalised; NaN if none within 10‖x_i‖)"
  static let byAttack =
    "the smallest ‖δ‖ flipping N(x_i + δ) found by the generic ℓ2 attack (the best of its methods; NaN if none within 10‖x_i‖)"

  /// Per-point radii as `name` and their median over the training points as `name_median`.
  static func recordRadii(_ r: inout Record, _ name: String, _ radii: [Double], _ what: String) {
    r.set(name, radii, "per training point: " + what, units: "ℓ2 norm, input units", allowing: .nan)
    r.set(
      name + "_median", Statistics.median(radii), "the median of \(name) over the training points (NaN if any is)",
      units: "ℓ2 norm, input units", allowing: .nan)
  }

  /// What every module records about the data, the training run, and how near the trained network is
  /// to a KKT point of the max-margin problem (what the flip-radius predictions are about).
  static func record(_ r: inout Record, data: TrainingSet, report: TrainingReport, network: TwoLayerNetwork) {
    r.set("input_norm", data.meanNorm, "mean ‖x_i‖ of the training inputs (≈ √d)", units: "ℓ2 norm")
    r.set(
      "max_inner_product", data.maxAbsInnerProduct / Double(data.dimension),
      "max over i ≠ j of |⟨x_i, x_j⟩| / d: how far the inputs are from orthogonal (the theorem needs ≪ 1)")
    FlipStudy.recordTraining(&r, data: data, report: report, network: network)
  }

  /// The direction the flip radii are searched along: −y·u (the theorem's), or a random unit vector
  /// drawn from `rng` (the negative control: it should need a far larger perturbation).
  static func flipDirection(_ p: Point, _ data: TrainingSet, rng: inout RandomSource) -> [Double] {
    switch p.choice("direction", as: FlipDirection.self) {
    case .universal: return data.universalDirection
    case .random: return normalized(rng.normals(data.dimension))
    }
  }

  /// Smallest t with sign N(x_i − t·y_i·dir) ≠ y_i for each training point (0 if already misclassified;
  /// NaN if none within 10‖x_i‖), by bracketing on a geometric grid and bisection.
  static func flipRadii(_ net: TwoLayerNetwork, _ data: TrainingSet, direction: [Double]) -> [Double] {
    FlipStudy.flipRadii(net, at: data.x, labels: data.y, direction: direction)
  }

  /// The attack's smallest flip at each training point (NaN if none within 10‖x_i‖): the generic ℓ2
  /// attack (`FlipAttack.minimalFlips`, batched, point i's restarts from `FlipAttack.pointStream(rng, i)`; `rng`
  /// advances by one draw), or for the negative control a search along one random direction per point drawn
  /// from `rng`.
  static func attackRadii(_ p: Point, _ net: TwoLayerNetwork, _ data: TrainingSet, rng: inout RandomSource)
    -> [Double]
  {
    switch p.choice("attack", as: AttackKind.self) {
    case .generic:
      let reach = (0..<data.count).map { 10 * norm(data.x.row($0)) }
      return FlipAttack(net).minimalFlips(at: data.x, labels: data.y, maxRadii: reach, rng: &rng).map {
        $0?.radius ?? .nan
      }
    case .randomDirection:
      return (0..<data.count).map { i in
        FlipStudy.flipRadius(
          net, at: data.x.row(i), label: data.y[i], direction: normalized(rng.normals(data.dimension)))
      }
    }
  }

  /// Which network the flip radii are measured on: the trained one (the theorem's object), or, as a wrong-regime
  /// control, the robust network R of prediction 2 on the same data (not a KKT point of the bias-free max-margin
  /// problem: its radius is of order ‖x‖/2 or more, not ‖x‖/√n). The network is trained either way, so the
  /// records and the claims about the training stay the same; modules that declare it pair their draws across it.
  static let network = Parameter.choice(
    "network",
    "the network whose radii are measured: the trained one, or (a wrong-regime control) the robust network R(x) = Σ_i y_i relu(⟨x_i, x⟩ − ‖x_i‖²/2) on the same data",
    paper: MeasuredNetwork.trained, quick: .trained)

  /// The network a point measures: `trained`, or R on `data` when network=robust.
  static func measured(_ p: Point, trained: TwoLayerNetwork, data: TrainingSet) -> TwoLayerNetwork {
    p.choice("network", as: MeasuredNetwork.self) == .robust ? data.robustReference : trained
  }

  /// R's level on these data: the median over the training points of its certified radius (prediction 2).
  static func recordRobustLevel(_ r: inout Record, data: TrainingSet) {
    r.set(
      "robust_certified_median", Statistics.median(data.robustReferenceRadii),
      "median over the training points of the radius within which the robust network R provably keeps its sign (≈ ‖x‖/2 on nearly orthogonal data)",
      units: "ℓ2 norm, input units")
  }

  /// Prediction 4, for modules that record `attack_radius` and `flip_radius` per training point.
  static let attackIsNoWorse = Claim.comparison(
    "A generic ℓ2 attack finds flips no larger than the universal direction −y·u",
    reason:
      "prediction 4: the small flip is not an artefact of the chosen direction; slack = the attack's bisection tolerance, and 5% of points may escape a local attack",
    ("attack", { $0.array("attack_radius") }), atMost: ("universal", { $0.array("flip_radius") }),
    slack: 1e-3, atLeast: 0.95
  ).control("the attack replaced by a search along one random direction", set: ["attack=random-direction"])
}

/// The network whose flip radii a module measures (`Vardi2022.network`).
enum MeasuredNetwork: String, Sendable, CaseIterable {
  case trained
  case robust
}
