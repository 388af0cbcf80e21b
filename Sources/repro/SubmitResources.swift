import Foundation
import Harness

/// What `repro submit` asks Slurm for, per array task, from the estimate of that task's shard (issue 27, item 1):
/// the time is `factor` × the shard's estimated seconds at `--cpus-per-task` points at once, at least `floor`,
/// rounded up to whole minutes (Slurm's granularity); the memory is what `repro run`'s check computes for the
/// shard's points `--cpus-per-task` at a time (`MemoryBudget.need`), × `memoryFactor` + `memoryExtra`, rounded
/// up to MiB. One array has one time and one memory for all its tasks: the largest shard's. The merge job asks
/// for `mergeSeconds` and `mergeMemory`.
enum SubmitResources {
  static let factor = 2.0
  static let floorSeconds = 300
  static let memoryFactor = 1.5
  static let memoryExtraMiB = 256
  static let mergeSeconds = 600
  static let mergeMemory = "2G"
  /// The stated rule, for `--help` and the summary.
  static let rule =
    "time = 2 × the shard's estimate, at least 5 min, rounded up to whole minutes; memory = 1.5 × the shard's estimate at --cpus-per-task points at once + 256 MiB"

  /// The time limit, in seconds (whole minutes), for a shard estimated at `seconds`.
  static func timeLimit(estimate seconds: Double) -> Int {
    let s = max(Double(floorSeconds), factor * (seconds.isFinite ? max(seconds, 0) : 0))
    return Int(min((s / 60).rounded(.up), 1e7)) * 60
  }

  /// The memory request, in MiB, for points needing `bytes` at once.
  static func memoryMiB(bytes: Int) -> Int {
    Int(min((Double(bytes) * memoryFactor / Double(1 << 20)).rounded(.up), 1e12)) + memoryExtraMiB
  }

  /// When Slurm's warning signal comes before the time limit, in seconds: a tenth of the limit, at least 60 s
  /// (Slurm sends it up to a minute early or late), at most 10 min, and never more than half the limit.
  static func warningSeconds(limit: Int) -> Int {
    min(max(min(limit / 10, 600), 60), max(limit / 2, 1))
  }

  /// The estimate of one task's shard: its points still to compute, `jobs` at a time, and their memory.
  struct TaskEstimate: Equatable {
    var task: Int
    var points: Int
    var seconds: Double?
    var memoryBytes: Int?
  }
}

/// Slurm's values, parsed and checked before anything is written: a bad one is one line naming the fix.
enum SlurmValue {
  /// Seconds of a Slurm time: "M", "M:S", "H:M:S", "D-H", "D-H:M", "D-H:M:S"; nil if not one (or zero).
  static func seconds(_ text: String) -> Int? {
    let dayParts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard dayParts.count <= 2, !text.isEmpty else { return nil }
    var days = 0
    var rest = Substring(text)
    if dayParts.count == 2 {
      guard let d = Int(dayParts[0]), d >= 0 else { return nil }
      days = d
      rest = dayParts[1]
    }
    let fields = rest.split(separator: ":", omittingEmptySubsequences: false)
    guard (1...3).contains(fields.count), fields.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }) else {
      return nil
    }
    let numbers = fields.compactMap { Int($0) }
    guard numbers.count == fields.count, numbers.allSatisfy({ $0 >= 0 && $0 < 10_000_000 }) else { return nil }
    let (h, m, s): (Int, Int, Int)
    if dayParts.count == 2 {
      // D-H, D-H:M, D-H:M:S
      h = numbers[0]
      m = numbers.count > 1 ? numbers[1] : 0
      s = numbers.count > 2 ? numbers[2] : 0
    } else {
      // M, M:S, H:M:S
      switch numbers.count {
      case 1: (h, m, s) = (0, numbers[0], 0)
      case 2: (h, m, s) = (0, numbers[0], numbers[1])
      default: (h, m, s) = (numbers[0], numbers[1], numbers[2])
      }
    }
    let total = ((days * 24 + h) * 60 + m) * 60 + s
    return total > 0 ? total : nil
  }

  /// "0:45:00", "2-00:00:00": Slurm's H:MM:SS (D-HH:MM:SS from a day on), rounded up to whole minutes.
  static func time(_ seconds: Int) -> String {
    let minutes = (seconds + 59) / 60
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
    return d > 0 ? String(format: "%d-%02d:%02d:00", d, h, m) : String(format: "%d:%02d:00", h, m)
  }

  /// A memory size Slurm reads: digits and an optional K, M, G or T.
  static func isMemory(_ text: String) -> Bool {
    var digits = Substring(text)
    if let last = digits.last, "KMGTkmgt".contains(last) { digits = digits.dropLast() }
    return !digits.isEmpty && digits.count <= 12 && digits.allSatisfy { $0.isASCII && $0.isNumber } && Int(digits)! > 0
  }

  /// A partition (or comma-separated partitions), account or QOS name.
  static func isName(_ text: String, list: Bool) -> Bool {
    !text.isEmpty
      && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0) || (list && $0 == ",")) }
  }

  /// Checks every value given; the first bad one throws its one line.
  static func validate(time: String?, mem: String?, partition: String?, account: String?, qos: String?)
    throws(ReproError)
  {
    if let time, seconds(time) == nil {
      throw .badValue(
        "--time '\(time)' is not a Slurm time limit: give minutes (30), H:MM:SS (1:30:00) or D-HH:MM:SS (2-00:00:00)")
    }
    if let mem, !isMemory(mem) {
      throw .badValue("--mem '\(mem)' is not a Slurm memory size: give a number with K, M, G or T (e.g. 4G or 500M)")
    }
    for (option, value, list) in [("partition", partition, true), ("account", account, false), ("qos", qos, false)] {
      if let value, !isName(value, list: list) {
        throw .badValue(
          "--\(option) '\(value)' is not a Slurm \(option) name: letters, digits, '_', '-' and '.' only\(list ? " (several separated by commas)" : "")"
        )
      }
    }
  }
}
