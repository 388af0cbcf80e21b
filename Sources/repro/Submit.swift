import ArgumentParser
import Experiments
import Foundation
import HDF5
import Harness

struct Submit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run an experiment on a Slurm cluster: a job array (one task per shard) and a merge job after it.",
    discussion: """
      Each array task runs `repro run <id> --shard K/N` into the point store under --results (which must be on a \
      filesystem every node sees); the merge job runs after the array whatever its outcome (afterany), assembles \
      results/<id>.h5, or lists the missing points. `--resubmit-missing` sends only the shards with missing points \
      and a new merge. Logs: results/<id>.slurm/.
      Example: repro submit gao2019-capacity --shards 8 --array-parallelism 4 --partition short --time 00:30:00
      """)

  @Argument(help: "The experiment id (see `repro list`).")
  var id: String

  @Option(help: "Parameter preset: paper (the figures), quick (seconds) or cluster (a finer grid, no baselines).")
  var preset: Preset = .paper

  @Option(
    name: .customLong("set"), help: ArgumentHelp("Override a parameter; lists sweep.", valueName: "name=value[,value…]")
  )
  var overrides: [String] = []

  @Option(help: "Array tasks, each computing every N-th point (default: 4, or as submitted before).")
  var shards: Int?

  @Option(name: .customLong("array-parallelism"), help: "At most this many tasks run at once (default: no limit).")
  var parallelism: Int?

  @Option(help: "Slurm partition (default: the cluster's default).")
  var partition: String?

  @Option(help: "Time limit per task, in Slurm's format (e.g. 00:30:00).")
  var time: String?

  @Option(name: .customLong("cpus-per-task"), help: "CPUs per task; the task runs that many points at once.")
  var cpus: Int = 1

  @Flag(name: .customLong("resubmit-missing"), help: "Submit only the shards whose points are not in the store.")
  var resubmitMissing = false

  @Flag(name: .customLong("dry-run"), help: "Print the two sbatch scripts instead of submitting them.")
  var dryRun = false

  @OptionGroup var results: ResultsOption

  func run() throws {
    try reporting {
      let e = try experiment(named: id)
      let configuration = try Configuration(experiment: e, preset: preset, overrides: overrides)
      try SourceFingerprint.requireBuilt(e)
      let space = Workspace(preset, results: self.results)
      let fm = FileManager.default
      let cwd = fm.currentDirectoryPath
      func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (cwd as NSString).appendingPathComponent(path)
      }
      let results = absolute(space.results)
      let logs = Shard.logs(results: results, id: e.id)
      let shardFile = Shard.countFile(results: results, id: e.id)
      let n = shards ?? Shard.submittedCount(results: results, id: e.id) ?? 4
      let points = configuration.points.count
      guard n >= 1 else { throw ReproError.badValue("--shards must be at least 1, got \(n)") }
      guard n <= points else {
        throw ReproError.badValue(
          "--shards \(n) exceeds the \(points) points of the sweep: use --shards \(points) or fewer")
      }
      if let parallelism, parallelism < 1 {
        throw ReproError.badValue("--array-parallelism must be at least 1, got \(parallelism)")
      }
      guard cpus >= 1 else { throw ReproError.badValue("--cpus-per-task must be at least 1, got \(cpus)") }
      for (name, value) in [("partition", partition), ("time", time)] {
        if let value, value.isEmpty || value.contains(where: { $0.isWhitespace || $0 == "'" }) {
          throw ReproError.badValue("--\(name) '\(value)' is not a Slurm \(name): no spaces or quotes")
        }
      }

      var tasks = Array(1...n)
      if resubmitMissing {
        guard let store = space.store(e, Provenance.current(for: e)) else {
          throw ReproError.failed(
            "the sources of \(e.id) are not found, so the store cannot be read: run from the source tree")
        }
        let missing = configuration.points.filter { !store.contains($0) }
        tasks = Array(Set(missing.map { $0.index % n + 1 })).sorted()
        guard !tasks.isEmpty else {
          printOut(
            "every point of \(e.id) is in the store: nothing to resubmit; `repro merge \(e.id)\(optionsText)` assembles it"
          )
          return
        }
        printOut(
          "\(missing.count) of \(points) points missing, in shards \(tasks.map(String.init).joined(separator: ","))")
      }

      let binary = executablePath() ?? absolute(CommandLine.arguments[0])
      let common =
        ["--preset", preset.rawValue] + overrides.flatMap { ["--set", $0] } + ["--results", results]
      let arraySpec = compress(tasks) + (parallelism.map { "%\($0)" } ?? "")
      var header = ["--job-name=repro-\(e.id)", "--cpus-per-task=\(cpus)"]
      if let partition { header.append("--partition=\(partition)") }
      if let time { header.append("--time=\(time)") }
      let array = script(
        header + ["--array=\(arraySpec)", "--output=\(logs)/shard-%a-job-%A.log"], cwd: cwd,
        command: [binary, "run", e.id] + common + ["--quiet", "--jobs", "$cpus", "--shard", "$shard"],
        preamble: ["cpus=\"${SLURM_CPUS_PER_TASK:-1}\"", "shard=\"${SLURM_ARRAY_TASK_ID}/\(n)\""])
      let merge = script(
        header.map { $0.hasPrefix("--job-name=") ? $0 + "-merge" : $0 }.filter { !$0.hasPrefix("--cpus") }
          + ["--output=\(logs)/merge-job-%j.log"], cwd: cwd,
        command: [binary, "merge", e.id] + common, preamble: [])

      if dryRun {
        printOut("# array job: \(tasks.count) task(s) of \(n) shards over \(points) points")
        printOut(array)
        printOut("# merge job, submitted with --dependency=afterany:<array job id>")
        printOut(merge)
        return
      }
      // Before anything is written: without Slurm's client there is nothing to submit to.
      let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
      guard path.split(separator: ":").contains(where: { fm.isExecutableFile(atPath: "\($0)/sbatch") }) else {
        throw ReproError.failed(
          "sbatch not found: repro submit needs Slurm's client commands (run it on the cluster's login node), or run shards yourself with `repro run \(e.id) --shard K/N`"
        )
      }
      // Nothing is recorded before Slurm accepts the array (issue 21, item 16): the scripts are staged in a
      // temporary folder and moved into the logs folder, with the shard count, only once sbatch has queued
      // the array, so a refused submit leaves `--resubmit-missing` and `merge` reading the previous submit.
      let logsExisted = fm.fileExists(atPath: logs)
      let staging = (results as NSString).appendingPathComponent(
        ".\(e.id).slurm.\(TemporaryName.stem)-\(TemporaryName.random)")
      defer { try? fm.removeItem(atPath: staging) }
      do {
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try array.write(toFile: staging + "/array.sbatch", atomically: true, encoding: .utf8)
        try merge.write(toFile: staging + "/merge.sbatch", atomically: true, encoding: .utf8)
        // The tasks write their logs here from their first second.
        try fm.createDirectory(atPath: logs, withIntermediateDirectories: true)
      } catch {
        throw ReproError.failed(
          "cannot write the job scripts under \(results): \(fileSystemReason(error, path: staging)); give another --results"
        )
      }
      let arrayJob: String
      do { arrayJob = try sbatch([staging + "/array.sbatch"]) } catch {
        if !logsExisted { try? fm.removeItem(atPath: logs) }
        throw error
      }
      let queued =
        "array job \(arrayJob) (\(tasks.count) of \(n) shards) is queued: cancel it with `scancel \(arrayJob)`"
      do {
        try place(staging + "/array.sbatch", logs + "/array.sbatch")
        try place(staging + "/merge.sbatch", logs + "/merge.sbatch")
        try "\(n)\n".write(toFile: shardFile, atomically: true, encoding: .utf8)
      } catch {
        throw ReproError.failed(
          "cannot record the submit under \(logs) (\(fileSystemReason(error, path: logs + "/."))); \(queued), or let it run and `repro merge \(e.id)\(optionsText)` after it"
        )
      }
      let mergeJob: String
      do { mergeJob = try sbatch(["--dependency=afterany:\(arrayJob)", logs + "/merge.sbatch"]) } catch {
        throw ReproError.failed(
          "\(error) (the merge job); \(queued), or queue the merge yourself: `sbatch --dependency=afterany:\(arrayJob) \(logs)/merge.sbatch`"
        )
      }
      printOut(
        "submitted array job \(arrayJob) (\(tasks.count) of \(n) shards, \(points) points) and merge job \(mergeJob) (after it, whatever its outcome)"
      )
      recordSubmission(logs: logs, arrayJob: arrayJob, mergeJob: mergeJob, tasks: tasks, shards: n, timeLimit: time)
      printOut("watch: squeue -j \(arrayJob),\(mergeJob)    logs: \(logs)/    result: \(space.resultPath(e.id))")
      printOut("if shards fail: repro submit \(e.id)\(optionsText) --resubmit-missing")
    }
  }

  /// " --preset quick --set d=5" as the user gave them, for commands we print.
  var optionsText: String {
    (preset == .paper ? "" : " --preset \(preset.rawValue)") + overrides.map { " --set \($0)" }.joined()
  }

  /// "1-4" or "2,5,7-9".
  func compress(_ tasks: [Int]) -> String {
    var parts: [String] = []
    var k = 0
    while k < tasks.count {
      var j = k
      while j + 1 < tasks.count && tasks[j + 1] == tasks[j] + 1 { j += 1 }
      parts.append(j > k ? "\(tasks[k])-\(tasks[j])" : "\(tasks[k])")
      k = j + 1
    }
    return parts.joined(separator: ",")
  }

  func script(_ directives: [String], cwd: String, command: [String], preamble: [String]) -> String {
    var lines = ["#!/bin/bash"] + directives.map { "#SBATCH \($0)" }
    lines += ["set -euo pipefail", "cd \(quote(cwd))"] + preamble
    lines.append("exec " + command.map { $0.hasPrefix("$") ? "\"\($0)\"" : quote($0) }.joined(separator: " "))
    return lines.joined(separator: "\n") + "\n"
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
