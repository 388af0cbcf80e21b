/// A job id as `sacct` and `squeue` print it: `124` (a plain job, e.g. the merge), `123_4` (task 4 of array
/// 123), `123_[2-4%1]` or `123_[1,3-5]` (array tasks not yet started, with the throttle after `%`),
/// `123_4.batch` (a step of a task).
public struct SlurmJobID: Sendable, Equatable {
  /// The job (the array's id for an array task).
  public var job: String
  /// The array tasks named; nil for a job that is not an array task.
  public var tasks: [Int]?
  /// The step (`batch`, `extern`, `0`), nil for the job itself.
  public var step: String?

  public init(job: String, tasks: [Int]? = nil, step: String? = nil) {
    self.job = job
    self.tasks = tasks
    self.step = step
  }

  /// Nil for text that is no job id.
  public init?(_ text: String) {
    var rest = Substring(text.trimmingCharacters(in: .whitespaces))
    step = nil
    if let dot = rest.firstIndex(of: ".") {
      step = String(rest[rest.index(after: dot)...])
      rest = rest[..<dot]
    }
    guard let underscore = rest.firstIndex(of: "_") else {
      guard !rest.isEmpty, rest.allSatisfy(\.isNumber) else { return nil }
      job = String(rest)
      tasks = nil
      return
    }
    job = String(rest[..<underscore])
    guard !job.isEmpty, job.allSatisfy(\.isNumber) else { return nil }
    var list = rest[rest.index(after: underscore)...]
    if list.hasPrefix("[") && list.hasSuffix("]") { list = list.dropFirst().dropLast() }
    if let percent = list.firstIndex(of: "%") { list = list[..<percent] }
    guard let parsed = SlurmJobID.taskList(String(list)) else { return nil }
    tasks = parsed
  }

  /// "2,5,7-9" (or "3-9:2", a step) → [2, 5, 7, 8, 9]; nil when malformed.
  public static func taskList(_ text: String) -> [Int]? {
    var out: [Int] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let stepParts = part.split(separator: ":", omittingEmptySubsequences: false)
      guard (1...2).contains(stepParts.count) else { return nil }
      let stride = stepParts.count == 2 ? Int(stepParts[1]) : 1
      let bounds = stepParts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
      guard let stride, stride >= 1, (1...2).contains(bounds.count), let low = bounds.first!, let high = bounds.last!,
        low >= 0, low <= high, high - low <= 1_000_000
      else { return nil }
      out += Swift.stride(from: low, through: high, by: stride)
    }
    return out.isEmpty ? nil : out
  }

  /// [2, 5, 7, 8, 9] → "2,5,7-9", as `sbatch --array` takes it.
  public static func compress(_ tasks: [Int]) -> String {
    let sorted = Array(Set(tasks)).sorted()
    var parts: [String] = []
    var k = 0
    while k < sorted.count {
      var j = k
      while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
      parts.append(j > k ? "\(sorted[k])-\(sorted[j])" : "\(sorted[k])")
      k = j + 1
    }
    return parts.joined(separator: ",")
  }
}
