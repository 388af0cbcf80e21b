import Foundation

/// What one sweep point needs in memory, as its module declares it from the point's shapes: the bytes, what
/// they are made of ("n·d + 4·m·d + 8·n·m doubles: the inputs, the weights and their copies, the n × m
/// activations"), and the parameters to lower when it is too much. `repro run` (and `--dry-run`) refuses a
/// sweep whose points, `--jobs` at a time, need more than the machine has, rather than die in the allocator;
/// a Slurm submission can ask for it as `--mem`.
public struct MemoryEstimate: Sendable, Equatable {
  public var bytes: Int
  public var what: String
  /// The parameters that set the size, e.g. ["d", "n", "m"].
  public var lower: [String]

  public init(bytes: Int, _ what: String, lower: [String]) {
    self.bytes = bytes
    self.what = what
    self.lower = lower
  }

  /// `doubles` 8-byte numbers (computed in floating point, so a huge shape cannot overflow) plus the
  /// process's own footprint.
  public init(doubles: Double, _ what: String, lower: [String]) {
    let total = doubles * 8 + Double(MemoryBudget.processBytes)
    self.init(bytes: total >= Double(Int.max) ? Int.max : Int(total), what, lower: lower)
  }
}

/// The memory of a sweep against the machine's.
public enum MemoryBudget {
  /// What the process needs before any point: the binary, its libraries, the Swift runtime (≈ 30 MiB measured).
  public static let processBytes = 40 << 20

  /// The machine's physical memory: MemTotal of /proc/meminfo, else Foundation's figure.
  public static var physicalBytes: Int {
    if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") }),
      let kib = Int(line.split(separator: " ").dropFirst().first ?? "")
    {
      return kib * 1024
    }
    return Int(clamping: ProcessInfo.processInfo.physicalMemory)
  }

  /// The largest per-point estimate and what `jobs` points at once need (the `jobs` largest together); nil
  /// when the module declares no estimate or there is nothing to compute.
  public static func need(_ experiment: any Experiment.Type, _ points: [Point], jobs: Int)
    -> (largest: MemoryEstimate, atOnce: Int, count: Int)?
  {
    let estimates = points.compactMap { experiment.memory($0) }.sorted { $0.bytes > $1.bytes }
    guard let largest = estimates.first else { return nil }
    let count = min(max(jobs, 1), estimates.count)
    // The process's footprint is counted once, not once per point.
    let together = estimates.prefix(count).reduce(0.0) { $0 + Double($1.bytes - processBytes) } + Double(processBytes)
    return (largest, together >= Double(Int.max) ? Int.max : Int(together), count)
  }

  /// Refuses, in one line with the numbers and the fix, a sweep whose points need more memory than the machine
  /// has, `jobs` at a time.
  public static func check(
    _ experiment: any Experiment.Type, _ points: [Point], jobs: Int, machine: Int = physicalBytes
  ) throws(ReproError) {
    guard let need = need(experiment, points, jobs: jobs), need.atOnce > machine else { return }
    let lower = need.largest.lower.isEmpty ? "" : orList(need.largest.lower)
    if need.largest.bytes > machine {
      throw .badValue(
        "\(experiment.id) needs ≈ \(format(need.largest.bytes)) per point (\(need.largest.what)), this machine has \(format(machine)): lower \(lower)\(lower.isEmpty ? "the sizes" : "")"
      )
    }
    let fit = max(1, machine / max(need.largest.bytes, 1))
    throw .badValue(
      "\(experiment.id): \(need.count) points at once (--jobs \(jobs)) need ≈ \(format(need.atOnce)) (up to \(format(need.largest.bytes)) each: \(need.largest.what)), this machine has \(format(machine)): use --jobs \(fit)\(lower.isEmpty ? "" : ", or lower " + lower)"
    )
  }

  /// "d, n or m".
  static func orList(_ names: [String]) -> String {
    names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
  }

  /// "74 GiB", "310 MiB", "12 KiB".
  public static func format(_ bytes: Int) -> String {
    let b = Double(bytes)
    for (unit, size) in [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
    where b >= Double(size) {
      let v = b / Double(size)
      return (v < 10 ? String(format: "%.1f", v) : String(Int(v.rounded()))) + " " + unit
    }
    return "\(bytes) B"
  }
}
