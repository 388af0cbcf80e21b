import Synchronization

/// A request that a run stop early (a signal: SIGTERM, or Slurm's warning before a time limit): `Runner` starts
/// no new point once it is made, lets the points in progress finish and store themselves (each stored point is
/// one file renamed into place, so none is ever partial), and throws `RunStopped` instead of returning. The
/// next run of the same sweep resumes from the store.
public enum StopRequest {
  private static let signal = Atomic<Int32>(0)

  /// Records the request (the first signal is the one reported); true the first time.
  @discardableResult public static func request(_ signal: Int32) -> Bool {
    self.signal.compareExchange(expected: 0, desired: max(signal, 1), ordering: .sequentiallyConsistent).exchanged
  }

  /// The signal that asked for the stop, or nil.
  public static var requested: Int32? {
    let s = signal.load(ordering: .sequentiallyConsistent)
    return s == 0 ? nil : s
  }

  /// Forgets a request (tests run several runners in one process).
  public static func reset() { signal.store(0, ordering: .sequentiallyConsistent) }
}

/// A run stopped by `StopRequest` before every selected point was computed: `stored` of the `selected` points
/// are in the store (reused or computed before the stop).
public struct RunStopped: Error, CustomStringConvertible, Equatable {
  public var signal: Int32
  public var stored: Int
  public var selected: Int

  public init(signal: Int32, stored: Int, selected: Int) {
    self.signal = signal
    self.stored = stored
    self.selected = selected
  }

  public var description: String {
    "stopped by signal \(signal): \(stored) of \(selected) points are stored; the same command resumes from them"
  }
}
