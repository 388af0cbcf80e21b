/// The losses of an adversarial training run, epoch by epoch (each measured before its epoch's step), and
/// what the initial phase is judged by: L_t/L_0 and the first epoch at which the loss has halved.
public struct AdversarialHistory: Sendable, Equatable {
  /// L_t: the adversarial loss at epoch t.
  public var adversarialLoss: [Double] = []
  /// The clean loss at epoch t.
  public var cleanLoss: [Double] = []
  /// ‖∇_W L_adv‖_F at epoch t.
  public var gradientNorm: [Double] = []

  public init() {}

  /// L_0 (NaN with no epoch).
  public var first: Double { adversarialLoss.first ?? .nan }
  /// The last epoch's L_t (NaN with no epoch).
  public var last: Double { adversarialLoss.last ?? .nan }

  /// L_t / L_0; NaN when the run has no epoch t.
  public func ratio(_ t: Int) -> Double { t < adversarialLoss.count ? adversarialLoss[t] / first : .nan }

  /// The first epoch t with L_t ≤ L_0/2; NaN if the loss never halved.
  public var epochsToHalve: Double { adversarialLoss.firstIndex { $0 <= first / 2 }.map(Double.init) ?? .nan }

  mutating func append(_ e: AdversarialEpoch) {
    adversarialLoss.append(e.adversarialLoss)
    cleanLoss.append(e.cleanLoss)
    gradientNorm.append(e.gradientNorm)
  }
}

extension AdversarialTrainer {
  /// `epochs` epochs, each inner attack starting from `rng`; stops at the first divergence (the error).
  public mutating func train(epochs: Int, rng: inout RandomSource) throws(AdversarialTrainingError)
    -> AdversarialHistory
  {
    var history = AdversarialHistory()
    for _ in 0..<epochs { history.append(try epoch(rng: &rng)) }
    return history
  }
}
