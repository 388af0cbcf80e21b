import Foundation
import Harness

/// Shards of a sweep: point i (0-based) belongs to shard (i mod N) + 1 of N.
enum Shard {
  static func parse(_ text: String) throws(ReproError) -> (Int, Int) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
      throw ReproError.badValue("--shard takes K/N with 1 ≤ K ≤ N (e.g. --shard 2/4), got '\(text)'")
    }
    return (k, n)
  }

  static func contains(_ point: Point, _ k: Int, _ n: Int) -> Bool { point.index % n == k - 1 }

  /// `results/<id>.slurm/`: the job scripts, the tasks' logs, and the shard count of the last `submit`.
  static func logs(results: String, id: String) -> String {
    (results as NSString).appendingPathComponent("\(id).slurm")
  }

  /// Where `submit` records N, so that `--resubmit-missing` and `merge` name the same shards.
  static func countFile(results: String, id: String) -> String {
    (logs(results: results, id: id) as NSString).appendingPathComponent("shards")
  }

  /// The N of the last `submit`, if there was one.
  static func submittedCount(results: String, id: String) -> Int? {
    (try? String(contentsOfFile: countFile(results: results, id: id), encoding: .utf8))
      .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }.flatMap { $0 >= 1 ? $0 : nil }
  }
}
