import Foundation

/// How long a sweep would take, from the modules' cost models (`CostEstimate`) and this machine's rates, and
/// which source gave the seconds: `make bench`'s rates file when it was measured on this CPU, else one constant
/// calibrated on the stored baseline (its wall time against the model's work of its own points), else the
/// nominal rates. A module without a cost model falls back to the baseline's time per point. `repro run
/// --dry-run` prints it.
public struct TimeEstimate: Sendable, Equatable {
  public var seconds: Double
  /// Where the seconds come from, one phrase: "cost model at the rates `make bench` measured on …".
  public var source: String

  /// The time of `points`, `jobs` at a time (each point on one core, one BLAS thread): the total over
  /// `jobs` cores, but never less than the longest point.
  static func parallel(_ each: [Double], jobs: Int) -> Double {
    let used = max(1, min(jobs, each.count))
    return max(each.reduce(0, +) / Double(used), each.max() ?? 0)
  }

  /// The estimate for computing `points` of `experiment`, `jobs` at a time. `baseline` is the stored result of
  /// the preset and `baselinePoints` its sweep; `rates` the bench's rates if they match this CPU.
  public static func of(
    _ experiment: any Experiment.Type, points: [Point], jobs: Int, baseline: Results?, baselinePoints: [Point],
    rates: MachineRates?
  ) -> TimeEstimate? {
    guard !points.isEmpty else { return TimeEstimate(seconds: 0, source: "nothing to compute") }
    let costs = points.map { experiment.cost($0) }
    let wall = baseline?.number("wall_seconds")
    let count = baseline?.number("points")
    guard costs.allSatisfy({ $0 != nil }) else {
      guard let wall, let count, count > 0, count < 1e12 else { return nil }
      return TimeEstimate(
        seconds: wall / count * Double(points.count),
        source:
          "no cost model: the baseline's time per point (\(formatSeconds(wall)) for \(Int(count)) points), one point at a time; per-point costs vary across the sweep"
      )
    }
    let known = costs.compactMap { $0 }
    if let rates {
      return TimeEstimate(
        seconds: parallel(known.map { $0.seconds(at: rates) }, jobs: jobs),
        source: "cost model at the rates `make bench` measured on this CPU (\(rates.cpu))")
    }
    let nominal = known.map { $0.seconds(at: .nominal) }
    if let c = calibration(experiment, baseline: baseline, points: baselinePoints) {
      return TimeEstimate(
        seconds: c * parallel(nominal, jobs: jobs),
        source:
          "cost model calibrated on the stored baseline (\(formatSeconds(wall ?? .nan)) for \(Int(count ?? 0)) points\(baseline.map { $0.string("platform_cpu") }.map { $0.isEmpty ? "" : " on " + $0 } ?? ""))"
      )
    }
    return TimeEstimate(
      seconds: parallel(nominal, jobs: jobs),
      source: "cost model at nominal rates (no rates file for this CPU from `make bench`, no baseline to calibrate on)"
    )
  }

  /// The constant that makes the model reproduce the baseline's wall time on its own sweep, run as it was
  /// (`jobs` points at once, at most `cores`): wall / parallel(model seconds at nominal rates).
  public static func calibration(_ experiment: any Experiment.Type, baseline: Results?, points: [Point]) -> Double? {
    guard let baseline, let wall = baseline.number("wall_seconds"), wall > 0, wall.isFinite,
      let count = baseline.number("points"), Int(exactly: count) == points.count, !points.isEmpty
    else { return nil }
    let costs = points.compactMap { experiment.cost($0)?.seconds(at: .nominal) }
    guard costs.count == points.count else { return nil }
    let jobs = Int(min(baseline.number("jobs") ?? 1, baseline.number("cores") ?? 1, 1e6))
    let model = parallel(costs, jobs: max(jobs, 1))
    return model > 0 ? wall / model : nil
  }

  /// "4.5 s", "23 s"; "?" for a time no machine takes (a crafted baseline's 1e300 would trap Int(_:)).
  static func formatSeconds(_ s: Double) -> String {
    s.isFinite && s >= 0 && s < 1e12 ? (s < 10 ? String(format: "%.1f s", s) : "\(Int(s.rounded())) s") : "?"
  }
}
