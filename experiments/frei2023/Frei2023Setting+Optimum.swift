import Foundation
import Numerics

extension Frei2023 {
  /// The share of `test` the Bayes rule of the mixture classifies correctly: equal cluster weights, equal-norm
  /// means and isotropic noise ξ ~ N(0, σ²I_d/d), so the posterior of cluster l is ∝ exp(⟨x, μ_l⟩·d/σ²) and
  /// the rule is sign(Σ_{y_l=+1} e^{⟨x,μ_l⟩d/σ²} − Σ_{y_l=−1} e^{⟨x,μ_l⟩d/σ²}) (log-sum-exp; a tie is an
  /// error). The optimum a classifier trained on the mixture can reach, evaluated on the same test points.
  static func bayesAccuracy(_ mixture: ClusterMixture, _ test: TrainingSet) -> Double {
    let scores = product(test.x, .none, mixture.means, .transpose)
    let scale = Double(mixture.dimension) / (mixture.noise * mixture.noise)
    func logSumExp(_ v: [Double]) -> Double {
      guard let top = v.max(), top.isFinite else { return -.infinity }
      return top + log(v.reduce(0) { $0 + exp($1 - top) })
    }
    var correct = 0
    for i in 0..<test.count {
      let s = (0..<mixture.clusters).map { scores[i, $0] * scale }
      let plus = logSumExp(s.indices.filter { mixture.labels[$0] > 0 }.map { s[$0] })
      let minus = logSumExp(s.indices.filter { mixture.labels[$0] < 0 }.map { s[$0] })
      if test.y[i] * (plus - minus) > 0 { correct += 1 }
    }
    return Double(correct) / Double(test.count)
  }

  /// The share of `test` the nearest true mean's label classifies correctly (argmax_l ⟨x, μ_l⟩ for equal-norm
  /// means): the Bayes rule's max-approximation, ≈ the same accuracy.
  static func nearestMeanAccuracy(_ mixture: ClusterMixture, _ test: TrainingSet) -> Double {
    let scores = product(test.x, .none, mixture.means, .transpose)
    var correct = 0
    for i in 0..<test.count {
      let best = (0..<mixture.clusters).max { scores[i, $0] < scores[i, $1] } ?? 0
      if test.y[i] == mixture.labels[best] { correct += 1 }
    }
    return Double(correct) / Double(test.count)
  }
}
