import CProcess
import Dispatch
import Foundation
import Synchronization

/// The child processes of `repro sensitivity` never outlive it, nor does its scratch folder (issue 21,
/// item 15). A child is told its parent's pid (`REPRO_EXIT_WITH_PARENT`) and asks the kernel for SIGTERM when
/// that parent ends, however it ends (SIGKILL too); a parent stopped by SIGTERM, SIGINT or SIGHUP stops its
/// child, waits for it, removes its scratch folder and exits with 128 + the signal.
enum ChildProcesses {
  static let parentVariable = "REPRO_EXIT_WITH_PARENT"
  /// This process was started by `run(_:)` and ends with its parent (`RunSignals` leaves its signals alone).
  nonisolated(unsafe) private(set) static var following = false

  /// In a child started by `run(_:)`: ends with its parent. Call first thing.
  static func followParent() {
    guard let text = ProcessInfo.processInfo.environment[parentVariable], let parent = Int32(text) else { return }
    unsetenv(parentVariable)  // for this process only, not for what it starts
    following = true
    // The parent ignores these signals (it handles them on a queue), and an ignored signal stays ignored
    // across exec: restore their default action, or the child could not be stopped.
    // Likewise a blocked one (a parent started from a thread that blocks them passes its mask on).
    var blocked = sigset_t()
    sigemptyset(&blocked)
    for sig in [SIGTERM, SIGINT, SIGHUP] {
      signal(sig, SIG_DFL)
      sigaddset(&blocked, sig)
    }
    pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
    _ = repro_signal_on_parent_death(SIGTERM)
    // The parent may have ended before the request was made: then no signal will come.
    if getppid() != parent { exit(128 + SIGTERM) }
  }

  private struct State {
    var child: Process?
    var scratch: [String] = []
    /// A signal is being handled: the main thread must not report the child's end as a failure meanwhile.
    var stopping = false
  }
  private static let state = Mutex(State())
  nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
  private static let installed = Mutex(false)

  /// Removes `scratch` if a signal stops this process (and nothing otherwise: the caller removes it).
  static func removeOnSignal(_ scratch: String) {
    installHandlers()
    state.withLock { $0.scratch.append(scratch) }
  }

  /// Runs `process` to its end; a signal that stops this process stops it first.
  static func run(_ process: Process) throws {
    installHandlers()
    var environment = process.environment ?? ProcessInfo.processInfo.environment
    environment[parentVariable] = "\(getpid())"
    process.environment = environment
    try state.withLock { s in
      try process.run()
      s.child = process
    }
    process.waitUntilExit()
    let stopping = state.withLock { s in
      s.child = nil
      return s.stopping
    }
    // The signal handler stopped the child and ends the process with the signal's status.
    while stopping { pause() }
  }

  private static func installHandlers() {
    guard
      installed.withLock({ done in
        defer { done = true }
        return !done
      })
    else { return }
    for sig in [SIGTERM, SIGINT, SIGHUP] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler { stop(sig) }
      source.resume()
      sources.append(source)
    }
  }

  private static func stop(_ sig: Int32) {
    let (child, scratch) = state.withLock { s in
      s.stopping = true
      return (s.child, s.scratch)
    }
    if let child {
      let pid = child.processIdentifier
      // Again and again: a child caught between its fork and `followParent` still ignores SIGTERM. Whether it
      // has ended is read from the kernel (`Process.isRunning` learns it late, from another thread).
      let deadline = Date().addingTimeInterval(5)
      while running(pid) && Date() < deadline {
        kill(pid, SIGTERM)
        usleep(20_000)
      }
      if running(pid) { kill(pid, SIGKILL) }
    }
    for path in scratch { try? FileManager.default.removeItem(atPath: path) }
    FileHandle.standardError.write(Data("repro: stopped by signal \(sig); its reruns are stopped and removed\n".utf8))
    exit(128 + sig)
  }

  /// Whether the process `pid` still runs (an ended child not yet reaped is a zombie, "Z").
  private static func running(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0,
      let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let close = stat.range(of: ")", options: .backwards)
    else { return false }
    return stat[close.upperBound...].split(separator: " ").first != "Z"
  }
}
