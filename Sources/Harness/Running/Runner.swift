import Dispatch
import Foundation
import Numerics
import Synchronization

/// Runs every sweep point of a configuration, `jobs` at a time, and returns
/// the records in sweep order. Each point draws from its own stream, keyed
/// by (experiment id, its parameters but those the module is `pairedAcross`,
/// seed), so the records do not depend on `jobs` or on the order the points
/// finish in. BLAS runs single-threaded:
/// the parallelism is over points, and products stay bit-for-bit repeatable.
public struct Runner: Sendable {
  public var jobs: Int
  public var quiet: Bool

  public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, quiet: Bool = false) {
    self.jobs = max(1, jobs)
    self.quiet = quiet
  }

  public func run(_ experiment: any Experiment.Type, _ configuration: Configuration) throws -> [Record] {
    try run(experiment, configuration, store: nil).records.map { $0! }
  }

  /// What a run over a store did: the records of the selected points (nil for points not selected), and
  /// how many were reused from the store and how many computed.
  public struct Outcome: Sendable {
    public var records: [Record?]
    public var reused: Int
    public var computed: Int
    /// The BLAS kernels (`Platform.blasCore`) that computed the reused points, with how many each.
    public var reusedKernels: [String: Int] = [:]
    public var selected: Int { reused + computed }
  }

  /// Runs the points `selected` admits (all by default). With a store, every selected point already stored
  /// is read back instead of computed, and every point computed is stored the moment it finishes, so a run
  /// that is killed keeps its finished points and the next run resumes from them.
  public func run(
    _ experiment: any Experiment.Type, _ configuration: Configuration, store: PointStore?,
    selecting selected: (Point) -> Bool = { _ in true }
  ) throws -> Outcome {
    let points = configuration.points
    let swept = configuration.sweptNames
    let id = experiment.id
    var records = [Record?](repeating: nil, count: points.count)
    var missing: [Int] = []
    var reused = 0
    var kernels: [String: Int] = [:]
    for (k, point) in points.enumerated() where selected(point) {
      if let (record, kernel) = try store?.loadWithKernel(point) {
        records[k] = record
        reused += 1
        kernels[kernel, default: 0] += 1
      } else {
        missing.append(k)
      }
    }
    // Before any work: a paired-across name that is not a parameter would silently break the pairing.
    if let point = points.first, case let unknown = point.undeclared(experiment.pairedAcross), !unknown.isEmpty {
      throw ReproError.failed(
        "\(id) is paired across \(unknown.map { "'\($0)'" }.joined(separator: ", ")), which it does not declare (its parameters: \(point.values.map(\.name).joined(separator: ", ")))"
      )
    }
    // Before any work: points that cannot fit in memory, `jobs` at a time, are refused with the fix.
    try MemoryBudget.check(experiment, missing.map { points[$0] }, jobs: jobs)
    BLASThreads.set(1)
    let todo = missing
    let progress = Progress(label: id, total: todo.count, quiet: quiet)
    let state = Mutex(State(records: records))
    let workers = min(jobs, todo.count)
    DispatchQueue.concurrentPerform(iterations: max(workers, 1)) { _ in
      while true {
        let next: Int? = state.withLock { s in
          // A stop request (a signal, `StopRequest`) starts no new point; those in progress finish and store.
          guard s.failure == nil, StopRequest.requested == nil, s.next < todo.count else { return nil }
          defer { s.next += 1 }
          return todo[s.next]
        }
        guard let k = next else { return }
        let point = points[k]
        var rng = point.stream(for: experiment)
        do {
          let record = try experiment.run(point, rng: &rng)
          // One value per name: a second `set` of a name would have replaced the first without a word.
          if let name = record.repeated.first {
            throw ReproError.failed(
              "the module recorded '\(name)' twice (the second value would replace the first): give each value its own name"
            )
          }
          // Every value says what it is, or the result file would not.
          if let name = record.undescribed.first {
            throw ReproError.failed(
              "the module recorded '\(name)' without a description: declare it where it is set, e.g. r.set(\"\(name)\", value, \"what it is\", units: …)"
            )
          }
          // A NaN or ±∞ the module does not declare is a computation that broke, not a number to store.
          if let bad = record.undeclaredNonFinite.first {
            throw ReproError.failed(
              "'\(bad.name)' holds \(bad.summary), which the module does not declare: its arithmetic broke down at these parameters (overflow, 0/0); choose others, or, if they are legitimate, declare them where the value is set (r.set(\"\(bad.name)\", …, allowing: \(bad.declaration))) and say when in its description"
            )
          }
          try store?.save(record, for: point)
          state.withLock { $0.records[k] = record }
          progress.finished(point.label(showing: swept))
        } catch {
          state.withLock { s in
            if s.failure == nil { s.failure = (point, "\(error)") }
          }
        }
      }
    }
    progress.clear()
    return try state.withLock { s in
      if let (point, message) = s.failure {
        throw ReproError.failed(
          "\(id): point \(point.index + 1) (\(point.label(showing: swept + ["seed"]))) failed: \(message)")
      }
      let done = todo.filter { s.records[$0] != nil }.count
      if done < todo.count, let signal = StopRequest.requested {
        throw RunStopped(signal: signal, stored: reused + done, selected: reused + todo.count)
      }
      return Outcome(records: s.records, reused: reused, computed: todo.count, reusedKernels: kernels)
    }
  }

  private struct State: Sendable {
    var records: [Record?]
    var next = 0
    var failure: (Point, String)?
  }
}
