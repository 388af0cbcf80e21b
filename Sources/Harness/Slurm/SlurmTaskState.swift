/// What a submitted task is doing, in the words `repro jobs` shows: Slurm's many job states folded into the
/// few a user acts on. The Slurm state itself is kept beside it (`SlurmJobRecord.state`) where it says more
/// (`OUT_OF_MEMORY`, `NODE_FAIL`, `PREEMPTED`, `CANCELLED by 0`).
public enum SlurmTaskState: String, Sendable, CaseIterable, Equatable {
  case pending, running, done, failed, cancelled
  case timedOut = "timed out"
  case requeued, unknown

  /// The state of a Slurm job state name as `sacct` and `squeue` print it (`squeue %T`, `sacct State`);
  /// the first word decides (`CANCELLED by 0`), in any case.
  public init(slurm text: String) {
    let word = text.split(whereSeparator: \.isWhitespace).first.map { $0.uppercased() } ?? ""
    switch word {
    case "PENDING", "CONFIGURING", "RESV_DEL_HOLD": self = .pending
    case "RUNNING", "COMPLETING", "SUSPENDED", "STOPPED", "SIGNALING", "STAGE_OUT", "RESIZING": self = .running
    case "COMPLETED": self = .done
    case "FAILED", "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL", "DEADLINE", "PREEMPTED", "SPECIAL_EXIT": self = .failed
    case "CANCELLED", "REVOKED": self = .cancelled
    case "TIMEOUT": self = .timedOut
    case "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED": self = .requeued
    default: self = .unknown
    }
  }

  /// Still in Slurm's hands: it may yet run (or run again).
  public var isActive: Bool { self == .pending || self == .running || self == .requeued }

  /// The Slurm state names whose folding into this state hides nothing worth showing.
  var plainSlurmNames: Set<String> {
    switch self {
    case .pending: ["PENDING"]
    case .running: ["RUNNING"]
    case .done: ["COMPLETED"]
    case .failed: ["FAILED"]
    case .cancelled: ["CANCELLED"]
    case .timedOut: ["TIMEOUT"]
    case .requeued: ["REQUEUED"]
    case .unknown: []
    }
  }
}
