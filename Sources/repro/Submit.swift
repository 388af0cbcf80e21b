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
      Resources: each task asks for the time and memory of its shard's estimate (as `repro run --dry-run` gives \
      them, at --cpus-per-task points at once): \(SubmitResources.rule); the array asks for its largest shard's. \
      --time and --mem override them. Tasks are requeueable: Slurm sends SIGUSR1 before the time limit \
      (--signal=B:USR1@…), the task stops starting points, requeues itself and resumes from the store when it \
      runs again. With --retries N the merge job, when points are still missing, resubmits their shards with \
      twice the time, up to N times.
      Example: repro submit gao2019-capacity --shards 8 --max-running 4 --partition short --retries 1
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

  @Option(name: .customLong("max-running"), help: "At most this many tasks run at once (array %N; default: no limit).")
  var maxRunning: Int?

  @Option(name: .customLong("array-parallelism"), help: .hidden)
  var parallelism: Int?

  @Option(help: "Slurm partition (default: the cluster's default).")
  var partition: String?

  @Option(help: "Slurm account to charge (default: yours).")
  var account: String?

  @Option(help: "Slurm quality of service (default: the account's).")
  var qos: String?

  @Option(
    help:
      "Time limit per task, in Slurm's format (30, 1:30:00, 2-00:00:00; default: from the shard's estimate, \(Int(SubmitResources.factor))× and at least \(SubmitResources.floorSeconds / 60) min)."
  )
  var time: String?

  @Option(help: "Memory per task, in Slurm's format (4G, 500M; default: from the shard's memory estimate).")
  var mem: String?

  @Option(
    name: .customLong("requeue-warning"),
    help:
      "Seconds before the time limit at which Slurm warns a task, which then requeues itself (default: a tenth of the limit, 1 to 10 min)."
  )
  var warning: Int?

  @Option(help: "Attempts after the first for shards left with missing points, each with twice the time (default: 0).")
  var retries: Int = 0

  @Option(help: .hidden)
  var attempt: Int = 1

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
      let cwd = FileManager.default.currentDirectoryPath
      func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (cwd as NSString).appendingPathComponent(path)
      }
      let results = absolute(space.results)
      let logs = Shard.logs(results: results, id: e.id)
      let n = shards ?? Shard.submittedCount(results: results, id: e.id) ?? 4
      let points = configuration.points.count
      guard n >= 1 else { throw ReproError.badValue("--shards must be at least 1, got \(n)") }
      guard n <= points else {
        throw ReproError.badValue(
          "--shards \(n) exceeds the \(points) points of the sweep: use --shards \(points) or fewer")
      }
      let running = maxRunning ?? parallelism
      if let running, running < 1 { throw ReproError.badValue("--max-running must be at least 1, got \(running)") }
      guard cpus >= 1 else { throw ReproError.badValue("--cpus-per-task must be at least 1, got \(cpus)") }
      guard (0...20).contains(retries) else { throw ReproError.badValue("--retries takes 0 to 20, got \(retries)") }
      guard attempt >= 1 else { throw ReproError.badValue("--attempt must be at least 1, got \(attempt)") }
      if let warning, warning < 1 {
        throw ReproError.badValue("--requeue-warning takes seconds, at least 1, got \(warning)")
      }
      try SlurmValue.validate(time: time, mem: mem, partition: partition, account: account, qos: qos)

      let store = space.store(e, Provenance.current(for: e))
      var tasks = Array(1...n)
      if resubmitMissing {
        guard let store else {
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

      // Time and memory per task: given, or from the estimate of each task's shard.
      let (estimates, source) = SubmitResources.shards(
        e, configuration, preset: preset, space: space, store: store, tasks: tasks, of: n, jobs: cpus)
      let limit = time.flatMap(SlurmValue.seconds) ?? SubmitResources.timeLimit(estimates)
      let memory = mem ?? SubmitResources.memory(estimates)
      let resources =
        "time limit \(limit.map(SlurmValue.time) ?? "the cluster's default")"
        + (time != nil ? " (--time)" : limit != nil ? " (\(SubmitResources.rule))" : " (no estimate: give --time)")
        + ", memory \(memory ?? "the cluster's default")\(mem != nil ? " (--mem)" : memory == nil ? " (no estimate: give --mem)" : "")"
        + ", \(cpus) CPU(s) per task"
      let warn = limit.map { l in warning.map { min($0, l - 1) } ?? SubmitResources.warningSeconds(limit: l) }

      let binary = executablePath() ?? absolute(CommandLine.arguments[0])
      let common =
        ["--preset", preset.rawValue] + overrides.flatMap { ["--set", $0] } + ["--results", results]
      var header = ["--job-name=repro-\(e.id)"]
      if let partition { header.append("--partition=\(partition)") }
      if let account { header.append("--account=\(account)") }
      if let qos { header.append("--qos=\(qos)") }
      var taskHeader = header + ["--cpus-per-task=\(cpus)"]
      if let limit { taskHeader.append("--time=\(time ?? SlurmValue.time(limit))") }  // as given, else ours
      if let memory { taskHeader.append("--mem=\(memory)") }
      // Requeueable: Slurm's warning (SIGUSR1 to the batch shell, which `exec` made `repro run`) requeues the task;
      // the log is appended to, so it shows every run of the task.
      taskHeader += ["--requeue", "--open-mode=append"] + (warn.map { ["--signal=B:USR1@\($0)"] } ?? [])
      let array = script(
        taskHeader + [
          "--array=\(compress(tasks))\(running.map { "%\($0)" } ?? "")", "--output=\(logs)/shard-%a-job-%A.log",
        ], cwd: cwd,
        body: [
          "cpus=\"${SLURM_CPUS_PER_TASK:-1}\"", "shard=\"${SLURM_ARRAY_TASK_ID}/\(n)\"",
          "export \(RunSignals.requeueVariable)=1",
          "echo \"repro: task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}, run $(( ${SLURM_RESTART_COUNT:-0} + 1 )), attempt \(attempt), starts at $(date -u +%FT%TZ)\" >&2",
          "exec " + shell([binary, "run", e.id] + common + ["--quiet", "--jobs", "$cpus", "--shard", "$shard"]),
        ])
      let mergeHeader =
        header.map { $0.hasPrefix("--job-name=") ? $0 + "-merge" : $0 } + [
          "--time=\(SlurmValue.time(SubmitResources.mergeSeconds))", "--mem=\(SubmitResources.mergeMemory)",
          "--output=\(logs)/merge-job-%j.log",
        ]
      let merge = script(
        mergeHeader, cwd: cwd, body: mergeBody(binary: binary, common: common, limit: limit, running: running),
        strict: retries == 0)

      if dryRun {
        printOut(
          "# array job: \(tasks.count) task(s) of \(n) shards over \(points) points, attempt \(attempt) of \(attempt + retries); \(resources)"
        )
        for line in SubmitResources.describe(estimates) { printOut("# " + line) }
        if let source { printOut("# estimates: \(source)") }
        printOut(array)
        printOut("# merge job, submitted with --dependency=afterany:<array job id>")
        printOut(merge)
        return
      }
      try submit(
        e, space: space, results: results, logs: logs, array: array, merge: merge, tasks: tasks, shards: n,
        points: points, limit: limit, resources: resources)
    }
  }

  /// The merge job's commands: assemble the result; with retries left, a merge that finds points missing
  /// (`repro merge` exits 2) resubmits their shards with twice this attempt's time, as attempt + 1.
  func mergeBody(binary: String, common: [String], limit: Int?, running: Int?) -> [String] {
    let merge = shell([binary, "merge", id] + common)
    guard retries > 0 else { return ["exec " + merge] }
    var again = [binary, "submit", id] + common + ["--resubmit-missing", "--cpus-per-task", "\(cpus)"]
    if let limit { again += ["--time", SlurmValue.time(2 * limit)] }
    for (option, value) in [("--mem", mem), ("--partition", partition), ("--account", account), ("--qos", qos)] {
      if let value { again += [option, value] }
    }
    if let running { again += ["--max-running", "\(running)"] }
    if let warning { again += ["--requeue-warning", "\(warning)"] }
    again += ["--retries", "\(retries - 1)", "--attempt", "\(attempt + 1)"]
    return [
      "status=0", merge + " || status=$?",
      "[ \"$status\" -eq 2 ] || exit \"$status\"",
      "echo \"repro: attempt \(attempt) of \(attempt + retries) left points missing: resubmitting their shards as attempt \(attempt + 1)\(limit.map { " with twice the time (" + SlurmValue.time(2 * $0) + ")" } ?? "")\" >&2",
      "exec " + shell(again),
    ]
  }

  /// Every submission goes through here: the array, then (once Slurm has accepted it) its record, then the merge.
  func submit(
    _ e: any Experiment.Type, space: Workspace, results: String, logs: String, array: String, merge: String,
    tasks: [Int], shards n: Int, points: Int, limit: Int?, resources: String
  ) throws {
    let fm = FileManager.default
    // Before anything is written: without Slurm's client there is nothing to submit to.
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    guard path.split(separator: ":").contains(where: { fm.isExecutableFile(atPath: "\($0)/sbatch") }) else {
      throw ReproError.failed(
        "sbatch not found: repro submit needs Slurm's client commands (run it on the cluster's login node), or run shards yourself with `repro run \(e.id) --shard K/N`"
      )
    }
    // Nothing is recorded before Slurm accepts the array (issue 21, item 16): the scripts are staged in a
    // temporary folder and moved into the logs folder, with the shard count and the attempt, only once sbatch
    // has queued the array, so a refused submit leaves `--resubmit-missing` and `merge` reading the previous one.
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
    let queued = "array job \(arrayJob) (\(tasks.count) of \(n) shards) is queued: cancel it with `scancel \(arrayJob)`"
    do {
      try place(staging + "/array.sbatch", logs + "/array.sbatch")
      try place(staging + "/merge.sbatch", logs + "/merge.sbatch")
      try "\(n)\n".write(toFile: Shard.countFile(results: results, id: e.id), atomically: true, encoding: .utf8)
      try "\(attempt)\n".write(toFile: logs + "/attempt", atomically: true, encoding: .utf8)
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
    // For `repro jobs`: every submission, the merge job's retries too (limit: seconds, nil = the cluster's default).
    recordSubmission(
      logs: logs, arrayJob: arrayJob, mergeJob: mergeJob, tasks: tasks, shards: n,
      timeLimit: limit.map { time ?? SlurmValue.time($0) }, attempt: attempt > 1 ? attempt : nil)
    printOut("attempt \(attempt) of \(attempt + retries): \(resources)")
    printOut("watch: squeue -j \(arrayJob),\(mergeJob)    logs: \(logs)/    result: \(space.resultPath(e.id))")
    printOut("if shards fail: repro submit \(e.id)\(optionsText) --resubmit-missing")
  }

  /// " --preset quick --set d=5" as the user gave them, for commands we print.
  var optionsText: String {
    (preset == .paper ? "" : " --preset \(preset.rawValue)") + overrides.map { " --set \($0)" }.joined()
  }
}
