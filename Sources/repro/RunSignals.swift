import Dispatch
import Foundation
import Harness

/// How `repro run` stops on SIGTERM (a kill, Slurm's end of a job) or SIGUSR1 (the warning `repro submit` asks
/// Slurm for before a task's time limit): it starts no new point, lets the points in progress finish and store
/// themselves (stored points are whole files, never partial), prints one line naming how many points are
/// stored, and exits with `status` (75, EX_TEMPFAIL: "stopped early, the same command resumes"). In a task of
/// `repro submit`'s array (`REPRO_SLURM_REQUEUE=1` in its script), a run stopped by SIGUSR1 then requeues the
/// task (`scontrol requeue <array job>_<task>`), so the task runs again and resumes from the store, as submitit
/// does; the warning comes early enough (`--requeue-warning`) for the points in progress to finish first.
/// A `repro run` started by `repro sensitivity` (a child that follows its parent) keeps the default actions.
enum RunSignals {
  static let status: Int32 = 75
  static let requeueVariable = "REPRO_SLURM_REQUEUE"
  nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

  /// Installs the handlers (once, before any point runs).
  static func install() {
    guard sources.isEmpty, !ChildProcesses.following else { return }
    for sig in [SIGTERM, SIGUSR1] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      source.setEventHandler { received(sig) }
      source.resume()
      sources.append(source)
    }
  }

  private static func received(_ sig: Int32) {
    guard StopRequest.request(sig) else { return }
    let requeues = sig == SIGUSR1 && slurmTask(ProcessInfo.processInfo.environment) != nil
    FileHandle.standardError.write(
      Data(
        "repro: \(name(sig)) received: no new point starts; the points in progress finish and are stored\(requeues ? ", then the task requeues itself" : "")\n"
          .utf8))
  }

  /// "A_K" of the array task this process runs as, when its script asked for requeueing.
  static func slurmTask(_ env: [String: String]) -> String? {
    guard env[requeueVariable] == "1" else { return nil }
    if let array = env["SLURM_ARRAY_JOB_ID"], let task = env["SLURM_ARRAY_TASK_ID"] { return "\(array)_\(task)" }
    return env["SLURM_JOB_ID"]
  }

  /// Runs `scontrol requeue`; the part of the log line that says what it did.
  private static func requeue(_ task: String) -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["scontrol", "requeue", task]
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    do { try p.run() } catch { return "; cannot run scontrol to requeue \(task): \(error.localizedDescription)" }
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      return
        "; `scontrol requeue \(task)` failed: \(singleLine(message.trimmingCharacters(in: .whitespacesAndNewlines)))"
    }
    return
      "; requeued task \(task) (restart \(Int(ProcessInfo.processInfo.environment["SLURM_RESTART_COUNT"] ?? "0").map { $0 + 1 } ?? 1)): it resumes from the stored points"
  }

  /// The one line a run stopped by a signal ends with (`reporting` prints it and exits with `status`). Stopped
  /// by Slurm's warning in a task of `repro submit`, the task is requeued first: only now, once the points in
  /// progress are stored, so a run that finished every point after the warning ends without another run.
  static func finish(_ stopped: RunStopped) -> String {
    let head = "stopped by \(name(stopped.signal)): \(stopped.stored) of \(stopped.selected) points are stored"
    if stopped.signal == SIGUSR1, let task = slurmTask(ProcessInfo.processInfo.environment) {
      return head + requeue(task) + " (exit \(status))"
    }
    return head + "; the same command resumes from them (exit \(status))"
  }

  static func name(_ sig: Int32) -> String {
    switch sig {
    case SIGTERM: return "SIGTERM"
    case SIGUSR1: return "SIGUSR1"
    case SIGINT: return "SIGINT"
    default: return "signal \(sig)"
    }
  }
}
