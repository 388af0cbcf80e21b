/// The status of one array task (one shard) or of a merge job, decided from what the cluster reports and
/// what the point store holds.
public struct SlurmTaskStatus: Sendable, Equatable {
  public var state: SlurmTaskState
  /// Slurm's own state, where it says more than `state` (`OUT_OF_MEMORY`, `CANCELLED by 0`).
  public var slurmState: String?
  public var elapsed: Int?
  /// Why: the queue's reason for a pending task, the exit code of a failed one, or "not in the queue, k of
  /// n points stored".
  public var detail: String?

  public init(state: SlurmTaskState, slurmState: String? = nil, elapsed: Int? = nil, detail: String? = nil) {
    self.state = state
    self.slurmState = slurmState
    self.elapsed = elapsed
    self.detail = detail
  }

  /// A task's status: Slurm's word when it has one; else, from `squeue` (which forgets finished jobs),
  /// done when every point of the shard is stored and failed otherwise; with no Slurm client at all, done
  /// when every point is stored and unknown otherwise.
  public static func task(
    _ record: SlurmJobRecord?, source: SlurmSnapshot.Source, stored: Int, points: Int
  ) -> SlurmTaskStatus {
    if let record { return from(record) }
    let complete = stored >= points
    switch source {
    case .sacct, .squeue:
      return SlurmTaskStatus(
        state: complete ? .done : .failed,
        detail: "not in the queue, \(complete ? "all \(points)" : "\(stored) of \(points)") points stored")
    case .none:
      return SlurmTaskStatus(state: complete ? .done : .unknown, detail: complete ? "all points stored" : nil)
    }
  }

  /// The merge job's status: Slurm's word when it has one; else done when the result file was written
  /// after the submission and failed (or, with no Slurm client, unknown) otherwise.
  public static func merge(
    _ record: SlurmJobRecord?, source: SlurmSnapshot.Source, resultWrittenSinceSubmission: Bool
  ) -> SlurmTaskStatus {
    if let record { return from(record) }
    if resultWrittenSinceSubmission {
      return SlurmTaskStatus(
        state: .done, detail: source == .none ? "result written" : "not in the queue, result written")
    }
    return source == .none
      ? SlurmTaskStatus(state: .unknown) : SlurmTaskStatus(state: .failed, detail: "not in the queue, no result")
  }

  static func from(_ record: SlurmJobRecord) -> SlurmTaskStatus {
    let state = record.taskState
    let word = record.state.split(whereSeparator: \.isWhitespace).first.map { $0.uppercased() } ?? ""
    let plain = state.plainSlurmNames.contains(word) && !record.state.contains(" ")
    var detail: String?
    if let reason = record.reason, state != .running { detail = reason }
    if let code = record.exitCode, code != "0:0", state != .done, !state.isActive {
      detail = [detail, "exit code \(code)"].compactMap { $0 }.joined(separator: ", ")
    }
    return SlurmTaskStatus(
      state: state, slurmState: plain ? nil : record.state, elapsed: state == .pending ? nil : record.elapsed,
      detail: detail)
  }
}
