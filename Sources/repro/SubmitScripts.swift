import Foundation
import Harness

/// The job scripts `repro submit` writes and the `sbatch` it runs them with.
extension Submit {
  /// "1-4" or "2,5,7-9", as `repro jobs` records it.
  func compress(_ tasks: [Int]) -> String { SlurmJobID.compress(tasks) }

  /// A batch script: the `#SBATCH` directives, then `cd` to where `submit` ran, then `body`.
  func script(_ directives: [String], cwd: String, body: [String], strict: Bool = true) -> String {
    var lines = ["#!/bin/bash"] + directives.map { "#SBATCH \($0)" }
    lines += [strict ? "set -euo pipefail" : "set -uo pipefail", "cd \(quote(cwd))"] + body
    return lines.joined(separator: "\n") + "\n"
  }

  /// A command line: words quoted for the shell, "$name" words expanded.
  func shell(_ command: [String]) -> String {
    command.map { $0.hasPrefix("$") ? "\"\($0)\"" : quote($0) }.joined(separator: " ")
  }

  func quote(_ s: String) -> String {
    s.allSatisfy { $0.isLetter || $0.isNumber || "-_./=,:%+".contains($0) }
      ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// Moves a staged script into place (replacing the previous submit's).
  func place(_ staged: String, _ final: String) throws {
    guard rename(staged, final) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
  }

  func executablePath() -> String? { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") }

  /// Runs sbatch --parsable and returns the job id.
  func sbatch(_ arguments: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["sbatch", "--parsable"] + arguments
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    do { try p.run() } catch {
      throw ReproError.failed("cannot run sbatch: \(error.localizedDescription)")
    }
    let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    if p.terminationStatus == 127 {
      throw ReproError.failed(
        "sbatch not found: repro submit needs Slurm's client commands (run it on the cluster's login node), or run shards yourself with `repro run \(id) --shard K/N`"
      )
    }
    let id = o.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
    guard p.terminationStatus == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
      let message = e.split(whereSeparator: \.isNewline).map(String.init).joined(separator: " ")
      throw ReproError.failed("sbatch refused the job: \(message.isEmpty ? "exit \(p.terminationStatus)" : message)")
    }
    return id
  }
}
