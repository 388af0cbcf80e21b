import Foundation
import Harness

extension Frei2023Overfitting {
  /// `claim` judged only on the runs that fit every training label (`unfitted_points` = 0), the flipped ones
  /// included: benign overfitting is a statement about interpolators. The runs left out are never dropped
  /// silently: each verdict's observation names them (n, m, σ where swept, seed, and how many training points each
  /// leaves unfitted, of them dead), and a claim with no interpolating run fails for want of data.
  static func onInterpolatingRuns(_ claim: Claim) -> Claim {
    Claim(statement: claim.statement, reason: claim.reason) { results in
      let fits: (PointResult) -> Bool = { $0.scalar("unfitted_points") == 0 }
      let left = results.points.filter { !fits($0) }
      let verdicts = claim.evaluate(results.restricted(to: fits))
      guard !left.isEmpty else { return verdicts }
      let named = left.map { p -> String in
        let setting = ["n", "m", "sigma", "label_noise", "seed"].compactMap { name in
          p.values.contains { $0.name == name } ? "\(name) = \(formatReal(p.real(name)))" : nil
        }
        return "\(setting.joined(separator: ", ")): \(Int(p.scalar("unfitted_points"))) unfitted, "
          + "\(Int(p.scalar("unfitted_dead_points"))) dead"
      }
      return verdicts.map { v in
        var v = v
        v.observed +=
          "; judged on the \(results.points.count - left.count) of \(results.points.count) runs that fit every label, left out: "
          + named.joined(separator: "; ")
        return v
      }
    }
  }
}
