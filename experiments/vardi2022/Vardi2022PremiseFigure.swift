import Figures
import Foundation
import Harness
import Numerics

/// The premise drawn point by point (issue 24, items 1, 4, 5): each training point's radius·√n/‖x‖ against its
/// premise ratio n·max_{j≠i}|⟨x_i, x_j⟩|/‖x_i‖², inside (≤ 1) and outside in two colours, with the claim's band;
/// beside them each run's median at fresh points and R's certified level.
extension Vardi2022 {
  static func premiseFigure(_ results: Results, setting: String) -> Figure {
    var inside: [(Double, Double)] = []
    var outside: [(Double, Double)] = []
    var heldOut: [(Double, Double)] = []
    var robust: [(Double, Double)] = []
    for p in results.points {
      let scale = p.real("n").squareRoot() / p.scalar("input_norm")
      let ratios = p.array("premise_ratio")
      for (q, t) in zip(ratios, p.array("flip_radius")) {
        if q <= 1 { inside.append((q, t * scale)) } else { outside.append((q, t * scale)) }
      }
      // A run's fresh points and R have no premise ratio of their own: drawn at the run's median ratio.
      let q = p.scalar("premise_ratio_median")
      heldOut.append((q, p.scalar("heldout_flip_radius_median") * scale))
      robust.append((q, p.scalar("robust_certified_median") * scale))
    }
    func series(_ label: String, _ xy: [(Double, Double)], color: Int, marker: Int) -> Series {
      Series(label: label, x: xy.map(\.0), y: xy.map(\.1), style: .points, color: color, marker: marker)
    }
    let all = inside + outside + heldOut + robust
    let qs = all.map(\.0).filter { $0 > 0 && $0.isFinite }
    let range = (qs.min() ?? 0.1)...(max(qs.max() ?? 10, (qs.min() ?? 0.1) * 1.01))
    let band = constantBand
    let met = inside.filter { band.contains($0.1) }.count
    let outMet = outside.filter { band.contains($0.1) }.count
    let fresh = heldOut.map(\.1).filter { !$0.isNaN }
    return Figure(
      name: "premise-vs-radius",
      title:
        "Flip radius at each training point against the premise, inside (n·max|⟨x_{i}, x_{j}⟩| ≤ ‖x_{i}‖²) and outside (\(setting))",
      xLabel: "premise ratio n·max_{j≠i}|⟨x_{i}, x_{j}⟩| / ‖x_{i}‖² (dimensionless; inside ≤ 1)",
      yLabel: "flip radius · √n / ‖x‖ (dimensionless)", logX: true, logY: true,
      series: [
        series("training points inside the premise (\(inside.count))", inside, color: 0, marker: 0),
        series("training points outside the premise (\(outside.count))", outside, color: 1, marker: 1),
        series("fresh points, each run's median (at its median ratio)", heldOut, color: 2, marker: 2),
        series("R's certified radius, each run's median (at its median ratio)", robust, color: 3, marker: 3),
      ],
      references: [
        .reference("prediction: 1", over: range, log: true, color: 0) { _ in 1 },
        .reference(
          "claim band \(formatNumber(band.lowerBound)) to \(formatNumber(band.upperBound))", over: range, log: true,
          color: 4
        ) { _ in band.lowerBound },
        .reference("", over: range, log: true, color: 4) { _ in band.upperBound },
      ],
      legend: .below, marks: [.x(1, "premise boundary")],
      caption:
        "Inside the premise \(met) of \(inside.count) training points lie in the band; outside it \(outMet) of \(outside.count) do. Fresh points flip at a median of \(formatNumber(Statistics.median(fresh))) in these units (\(fresh.count) runs), R's certificate sits at \(formatNumber(Statistics.median(robust.map(\.1)))) (median over runs)."
    )
  }
}
