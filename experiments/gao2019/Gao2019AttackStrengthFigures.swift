import Figures
import Foundation
import Harness
import Numerics

/// The figures of `gao2019-attack-strength` (issue 25 item 11): the gap L* − L_A itself, relative to L*, per
/// training attack against the iteration (one figure per δ) and at the end against δ, with the claim's threshold
/// drawn; and the consequence, L* at the end against the best robust loss in the ball plus ε. Every caption is
/// computed from the results.
extension Gao2019.AttackStrength {
  static func label(_ attack: Gao2019Attack, _ p: PointResult?) -> String {
    switch attack {
    case .none: return "no attack"
    case .oneStep: return "one gradient step"
    case .pga: return "PGA, K = \(p.map { formatReal($0.real("attack_steps")) } ?? "?")"
    case .exhaustive: return "exhaustive search"
    }
  }

  /// (L* − L_A)/L* at the scheduled iterations of one point.
  static func relativeGapTrace(_ p: PointResult) -> [Double] {
    let (iterations, robust, surrogate) = (p.array("iteration"), p.array("robust_loss"), p.array("surrogate_loss"))
    return iterations.indices.map { k in (robust[k] - surrogate[Int(iterations[k])]) / robust[k] }
  }

  /// "one gradient step 0.125, PGA 0.111 and the exhaustive search 6.3e-05": one value per attack.
  static func listed(_ values: [(Gao2019Attack, Double)]) -> String {
    let parts = values.map {
      "\(label($0.0, nil).replacingOccurrences(of: ", K = ?", with: "")) \(formatNumber($0.1))"
    }
    return parts.count > 1 ? parts.dropLast().joined(separator: ", ") + " and " + parts.last! : parts.joined()
  }

  public static func figures(_ results: Results) throws -> [Figure] {
    let attacks = Gao2019Attack.allCases.filter { a in
      results.points.contains { $0.value("attack") == .text(a.rawValue) }
    }
    let ratios = Set(results.points.map { $0.real("delta_ratio") }).sorted()
    let seeds = results.distinctValues(of: "seed").count
    let table = relativeGaps(results)
    let exhaustive = attacks.firstIndex(of: .exhaustive)
    var figures: [Figure] = []
    for ratio in ratios {
      var series: [Series] = []
      var finals: [(Gao2019Attack, Double)] = []
      for (k, attack) in attacks.enumerated() {
        let at = results.points.filter {
          $0.real("delta_ratio") == ratio && $0.value("attack") == .text(attack.rawValue)
        }
        guard let first = at.first else { continue }
        let traces = at.map(relativeGapTrace)
        let x = first.array("iteration").map { $0 + 1 }
        let column = { (k: Int) in traces.map { $0[k] } }
        series.append(
          Series(
            label: "trained against \(label(attack, first))", x: x,
            y: x.indices.map { Statistics.median(column($0)) }, low: x.indices.map { column($0).min() ?? .nan },
            high: x.indices.map { column($0).max() ?? .nan }, color: k, marker: k))
        finals.append((attack, Statistics.median(traces.map { $0.last ?? .nan })))
      }
      let row = table.rows.first { $0.real("delta_ratio") == ratio }
      let threshold = (row?[Gao2019Attack.exhaustive.rawValue] ?? .nan) + 0.01
      let above = finals.filter { $0.0 != .exhaustive && $0.0 != .none }.map { ($0.0, $0.1 - threshold + 0.01) }
      let verdict =
        above.isEmpty
        ? ""
        : " The weak attacks end \(listed(above)) above the exhaustive search's (the claims need 0.01 at the largest δ): they \(above.allSatisfy { $0.1 >= 0.01 } ? "are" : "are not all") wider."
      figures.append(
        Figure(
          name: "gap-vs-iteration-delta-\(formatReal(ratio))",
          title:
            "(L* − L_{A})/L* per training attack during training, δ = \(formatReal(ratio))·separation/2 (median over \(seeds) seeds; bars: range)",
          xLabel: "iteration t + 1", yLabel: "(L* − L_{A}) / L*  (relative gap, no unit)", logX: true,
          series: series,
          references: exhaustive == nil || !threshold.isFinite
            ? []
            : [
              Series(
                label: "the exhaustive search's gap at the end + 0.01 (the claims' threshold)",
                x: [series.first?.x.first ?? 1, series.first?.x.last ?? 1], y: [threshold, threshold],
                style: .dashed, color: exhaustive)
            ], legend: .below,
          caption:
            "At the end of training the relative gap is \(listed(finals)).\(verdict)"))
    }
    figures.append(gapVersusDelta(results, attacks: attacks, ratios: ratios, seeds: seeds, table: table))
    figures.append(consequenceFigure(results, ratios: ratios, seeds: seeds, table: table))
    return figures
  }

  /// The relative gap at the end against δ, per attack, with the claims' threshold (exhaustive + 0.01).
  static func gapVersusDelta(
    _ results: Results, attacks: [Gao2019Attack], ratios: [Double], seeds: Int, table: DerivedTable
  ) -> Figure {
    var gaps: [Series] = []
    for (k, attack) in attacks.enumerated() {
      var (med, lo, hi): ([Double], [Double], [Double]) = ([], [], [])
      for ratio in ratios {
        let v = results.points.filter {
          $0.real("delta_ratio") == ratio && $0.value("attack") == .text(attack.rawValue)
        }
        .map { $0.scalar("relative_gap") }
        med.append(Statistics.median(v))
        lo.append(v.min() ?? .nan)
        hi.append(v.max() ?? .nan)
      }
      gaps.append(
        Series(
          label: "\(label(attack, results.points.first)) (median; bars: range over the \(seeds) seeds)", x: ratios,
          y: med, low: lo, high: hi, color: k, marker: k))
    }
    let exhaustive = attacks.firstIndex(of: .exhaustive)
    let misses = results.points.filter { $0.scalar("estimate_misses") >= 0.5 }.count
    let top = table.rows.first { $0.real("delta_ratio") == ratios.last }
    let differences = [Gao2019Attack.oneStep, .pga].filter(attacks.contains).map { a in
      (a, (top?[a.rawValue] ?? .nan) - (top?[Gao2019Attack.exhaustive.rawValue] ?? .nan))
    }
    let grows = [Gao2019Attack.oneStep, .pga].compactMap { attacks.firstIndex(of: $0) }.allSatisfy { k in
      zip(gaps[k].y, gaps[k].y.dropFirst()).allSatisfy { $0 < $1 }
    }
    return Figure(
      name: "gap-vs-delta",
      title:
        "(L* − L_{A})/L* at the end of training per training attack; the estimate of L* beaten by a training attack at \(misses) of \(results.points.count) runs",
      xLabel: "δ / (separation/2)", yLabel: "(L* − L_{A}) / L*  (relative gap, no unit)", series: gaps,
      references: exhaustive.map { e in
        [
          Series(
            label: "exhaustive + 0.01: the weak attacks must reach it at the largest δ (the claims)", x: ratios,
            y: gaps[e].y.map { $0 + 0.01 }, style: .dashed, color: e)
        ]
      } ?? [], xTicks: ratios, legend: .below,
      caption:
        "At the largest δ (\(formatNumber(ratios.last ?? .nan))) the weak attacks' relative gaps exceed the exhaustive search's by \(listed(differences)) (the claims need 0.01); the weak attacks' gaps \(grows ? "grow" : "do not all grow") with δ."
    )
  }

  /// The consequence: per attack, L* at the end minus the best robust loss reached in the ball from the same W(0)
  /// (paired per seed), against δ, with ε drawn; and each weak attack's own L_A minus the same best.
  static func consequenceFigure(_ results: Results, ratios: [Double], seeds: Int, table: DerivedTable) -> Figure {
    let attacks = Gao2019Attack.allCases.filter { a in
      results.points.contains { $0.value("attack") == .text(a.rawValue) }
    }
    var series: [Series] = []
    for (k, attack) in attacks.enumerated() {
      for name in ["final_robust_loss", "final_surrogate_loss"]
      where name == "final_robust_loss" || attack != .exhaustive {
        let excess = ratios.map { r in
          let at = results.points.filter { $0.real("delta_ratio") == r }
          return zip(perSeed(at, attack, name), bestInBall(at)).map { $0 - $1 }
        }
        let own = name == "final_surrogate_loss"
        series.append(
          Series(
            label: own
              ? "L_{A} − best, its own attack (\(label(attack, results.points.first)))"
              : "L* − best, trained against \(label(attack, results.points.first))",
            x: ratios, y: excess.map(Statistics.median), low: excess.map { $0.min() ?? .nan },
            high: excess.map { $0.max() ?? .nan }, style: own ? .lines : .linesPoints, color: k, marker: k))
      }
    }
    let top = table.rows.first { $0.real("delta_ratio") == ratios.last }
    let weak = [Gao2019Attack.oneStep, .pga].filter(attacks.contains)
    let excess = weak.map { ($0, top?["\($0.rawValue)-excess"] ?? .nan) }
    let below = weak.map { ($0, top?["\($0.rawValue)-surrogate-excess"] ?? .nan) }
    return Figure(
      name: "robust-loss-vs-delta",
      title:
        "L* and L_{A} at the end of training minus the best robust loss reached in the ball from the same W(0), per training attack (median over \(seeds) seeds; bars: range)",
      xLabel: "δ / (separation/2)", yLabel: "loss − best L* in the ball (logistic loss, no unit)", series: series,
      references: [
        Series(
          label: "ε = \(formatNumber(epsilon)): the consequence claims' threshold", x: ratios,
          y: ratios.map { _ in epsilon }, style: .dashed)
      ], xTicks: ratios, legend: .below,
      caption:
        "At the largest δ L* at the end exceeds the best robust loss reached in the ball by \(listed(excess)) (the claims: more than ε = \(formatNumber(epsilon))), while the attacks' own surrogate loss L(A) ends at \(listed(below)) relative to that best (negative: below it)."
    )
  }
}
