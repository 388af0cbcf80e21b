import Dispatch
import Foundation
import Numerics
import Synchronization

/// Runs every sweep point of a configuration, `jobs` at a time, and returns
/// the records in sweep order. Each point draws from its own stream, keyed
/// by (experiment id, its parameters, seed), so the records do not depend on
/// `jobs` or on the order the points finish in. BLAS runs single-threaded:
/// the parallelism is over points, and products stay bit-for-bit repeatable.
public struct Runner: Sendable {
  public var jobs: Int
  public var quiet: Bool

  public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, quiet: Bool = false) {
    self.jobs = max(1, jobs)
    self.quiet = quiet
  }

  public func run(_ experiment: any Experiment.Type, _ configuration: Configuration) throws -> [Record] {
    let points = configuration.points
    let swept = configuration.sweptNames
    let id = experiment.id
    BLASThreads.set(1)
    let progress = Progress(label: id, total: points.count, quiet: quiet)
    let state = Mutex(State(records: Array(repeating: nil, count: points.count)))
    let workers = min(jobs, points.count)
    DispatchQueue.concurrentPerform(iterations: max(workers, 1)) { _ in
      while true {
        let next: Int? = state.withLock { s in
          guard s.failure == nil, s.next < points.count else { return nil }
          defer { s.next += 1 }
          return s.next
        }
        guard let k = next else { return }
        let point = points[k]
        var rng = RandomSource(key: point.streamKey(experiment: id))
        do {
          let record = try experiment.run(point, rng: &rng)
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
      return s.records.map { $0! }
    }
  }

  private struct State: Sendable {
    var records: [Record?]
    var next = 0
    var failure: (Point, String)?
  }
}
