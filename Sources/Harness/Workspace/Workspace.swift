import Figures
import Foundation
import HDF5

/// Where results and figures live (relative to the working directory unless absolute).
public struct Workspace: Sendable {
  public var results: String
  public var figures: String
  public var baselines: String
  /// Whether `figures` is the committed gallery, which only paper results may be drawn into (set when the
  /// directory is the default one rather than asked for).
  public var figuresArePaperOnly = false

  public init(results: String = "results", figures: String = "figures", baselines: String = "results/baselines") {
    self.results = results
    self.figures = figures
    self.baselines = baselines
  }

  /// Where results of `preset` go by default: `results/` for the paper preset, `results/<preset>/` for any
  /// other, so that a quick run never replaces a paper result.
  public static func defaultResults(_ preset: Preset) -> String {
    preset == .paper ? "results" : "results/\(preset.rawValue)"
  }

  /// Where figures of the results in `results` go by default: `figures/` for `results/` (the committed
  /// gallery, drawn from paper results only), `<results>/figures/` for any other directory.
  public static func defaultFigures(results: String) -> String {
    (results as NSString).standardizingPath == defaultResults(.paper)
      ? "figures" : (results as NSString).appendingPathComponent("figures")
  }

  public static let defaultBaselines = "results/baselines"

  public func baselinePath(_ id: String, preset: Preset) -> String {
    Baselines.path(id, preset: preset, root: baselines)
  }

  public func resultPath(_ id: String) -> String { (results as NSString).appendingPathComponent("\(id).h5") }
  public func figureDirectory(_ id: String) -> String { (figures as NSString).appendingPathComponent(id) }

  /// The point store of `experiment` for the sources of `provenance`; nil when the sources are unknown (a
  /// binary away from its source tree), since points then cannot be matched to the code that made them.
  public func store(_ experiment: any Experiment.Type, _ provenance: Provenance) -> PointStore? {
    provenance.sources.map { PointStore(results: results, experiment: experiment.id, digest: $0.digest) }
  }

  /// Runs an experiment and writes its result file. Returns the path. Points already in the store (computed
  /// by the same sources with the same parameters) are reused unless `fresh`; `reused(k, n)` is told how
  /// many of the n points were.
  @discardableResult
  public func run(
    _ experiment: any Experiment.Type, _ configuration: Configuration, runner: Runner, fresh: Bool = false,
    reused: ((Int, Int) -> Void)? = nil
  ) throws -> String {
    // The numbers are credited to the sources the binary was built from, which must be those on disk.
    try SourceFingerprint.requireBuilt(experiment)
    var provenance = Provenance.current(for: experiment)
    let created = Date()
    let start = DispatchTime.now()
    var pointStore = store(experiment, provenance)
    if fresh { pointStore?.reads = false }
    // Before any work, and without touching the disk: a results path through a file is an error now.
    var ancestor = results
    while !ancestor.isEmpty && !FileManager.default.fileExists(atPath: ancestor) {
      ancestor = (ancestor as NSString).deletingLastPathComponent
    }
    var isDirectory: ObjCBool = false
    if !ancestor.isEmpty, FileManager.default.fileExists(atPath: ancestor, isDirectory: &isDirectory),
      !isDirectory.boolValue
    {
      throw ReproError.failed(
        "cannot use \(results) for results: \(ancestor) is a file, not a directory; give another --results")
    }
    // What killed runs left behind.
    Temporaries.removeStale(in: results)
    if let pointStore { Temporaries.removeStale(in: pointStore.directory) }
    // Held until the run ends: `clean-store` leaves the points of a running run alone.
    let hold = try pointStore?.hold()
    defer { withExtendedLifetime(hold) {} }
    let outcome: Runner.Outcome
    do { outcome = try runner.run(experiment, configuration, store: pointStore) } catch {
      hold?.removeIfEmpty()
      throw error
    }
    reused?(outcome.reused, configuration.points.count)
    // The file names the kernels that computed its numbers, also those of points computed elsewhere (a shard).
    provenance.platform.blasCore = Platform.kernels(
      this: provenance.platform.blasCore, computed: outcome.computed, reused: outcome.reusedKernels)
    let records = outcome.records.map { $0! }
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    let path = resultPath(experiment.id)
    // From writing the result to storing its claims, no other writer of it (a `check`) may interleave.
    let lock = try resultLock(experiment.id)
    defer { withExtendedLifetime(lock) {} }
    do {
      try ResultWriter.write(
        to: path, experiment: experiment, configuration: configuration, records: records,
        provenance: provenance, created: created, wallSeconds: wall, jobs: runner.jobs)
    } catch {
      throw ReproError.failed("cannot write \(path): \(error)")
    }
    _ = try checkHoldingLock(experiment)
    return path
  }

  /// Evaluates the experiment's claims on its result file and stores the verdicts in it.
  public func check(_ experiment: any Experiment.Type) throws -> [ClaimStore.Entry] {
    // The verdicts are computed by the module's code in this binary: it must be the code on disk.
    try SourceFingerprint.requireBuilt(experiment)
    // The result read is the one the claims are stored in: a run cannot replace it meanwhile. (No result:
    // nothing to lock, and no lock folder left behind by a command that fails.)
    guard FileManager.default.fileExists(atPath: resultPath(experiment.id)) else {
      return try checkHoldingLock(experiment)
    }
    let lock = try resultLock(experiment.id)
    defer { withExtendedLifetime(lock) {} }
    return try checkHoldingLock(experiment)
  }

  /// `check`, by a caller that holds the result's lock.
  private func checkHoldingLock(_ experiment: any Experiment.Type) throws -> [ClaimStore.Entry] {
    let path = resultPath(experiment.id)
    let results = try Results.read(path, of: experiment.id)
    WorkspaceHooks.afterCheckRead?(path)
    let entries = try ClaimStore.evaluate(experiment, results, controls: try controlOutcomes(experiment))
    do { try ClaimStore.store(entries, in: path) } catch {
      throw ReproError.failed("cannot store the claims in \(path): \(error)")
    }
    return entries
  }

  /// The stored verdicts of the experiment's result; when a run was killed between writing its result and
  /// storing its claims, or `/claims` is damaged (empty, fewer verdicts than claims, attributes of the wrong type),
  /// they are computed and stored now. Nil when there is no result; an error when the result is unreadable or
  /// holds another experiment.
  public func claims(_ experiment: any Experiment.Type) throws -> [ClaimStore.Entry]? {
    let path = resultPath(experiment.id)
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    _ = try Results.read(path, of: experiment.id)
    // Every claim gives at least one verdict (`Claim.evaluate`): fewer stored ones is a damaged group.
    if let entries = ClaimStore.read(path), entries.count >= experiment.claims.count { return entries }
    return try check(experiment)
  }

  /// The result against its stored baseline.
  public func diff(_ experiment: any Experiment.Type, preset: Preset) throws -> DiffReport {
    try preset.requireBaselines("diff against")
    _ = try claims(experiment)
    return try Baselines.diff(
      result: resultPath(experiment.id), baseline: baselinePath(experiment.id, preset: preset), experiment: experiment,
      sensitivity: sensitivityPath(experiment.id, preset: preset))
  }

  /// The stored sensitivity of a baseline.
  public func sensitivityPath(_ id: String, preset: Preset) -> String {
    SensitivityReport.path(id, preset: preset, root: baselines)
  }

  /// Accepts the current result as the preset's baseline.
  public func bless(_ experiment: any Experiment.Type, preset: Preset, force: Bool) throws -> String {
    try preset.requireBaselines("bless")
    return try Baselines.bless(
      experiment, preset: preset, result: resultPath(experiment.id), baselineRoot: baselines, force: force)
  }

  /// Draws every figure of an experiment from its result file with `renderer` (the binary passes
  /// `Gnuplot.renderer`). Returns the files written.
  @discardableResult
  public func plot(_ experiment: any Experiment.Type, renderer: any FigureRenderer) throws -> [String] {
    // The figures are computed by the module's code in this binary: it must be the code on disk.
    try SourceFingerprint.requireBuilt(experiment)
    let results = try Results.read(resultPath(experiment.id), of: experiment.id)
    // figures/ is drawn from paper results only, unless --figures names it.
    if figuresArePaperOnly, results.preset != Preset.paper.rawValue {
      throw ReproError.badValue(
        "\(results.path) holds a \(results.preset)-preset result and \(figures)/ only paper figures: rerun it at the paper preset (`repro run \(experiment.id)`) or draw it elsewhere with --figures DIR"
      )
    }
    let figures: [Figure]
    let reading = results.readingAfresh()
    do { figures = try experiment.figures(reading) } catch {
      throw ReproError.failed("\(experiment.id): cannot compute its figures from \(results.path): \(error)")
    }
    // A name the result does not have would have drawn an empty or NaN series without a word.
    try reading.requireKnownNames(readBy: "\(experiment.id)'s figures")
    // Every figure of the experiment is drawn into a fresh directory beside the old one, which is swapped in
    // only when all are complete: a kill leaves either the old figures or the new ones, never a figure whose
    // .gp, .png and .pdf come from different results. What a kill leaves behind (the fresh directory, or the
    // old one between the two renames) carries this process's pid and is removed by a later plot.
    let fm = FileManager.default
    // A figure folder that is a symbolic link is resolved: the folder it names is replaced (the link stays).
    let final: String
    do { final = try LinkTarget.resolve(figureDirectory(experiment.id)) } catch {
      throw ReproError.failed("cannot draw into \(figureDirectory(experiment.id)): \(oneLine(error))")
    }
    let parent = (final as NSString).deletingLastPathComponent
    let tag = "\(TemporaryName.stem)-\(TemporaryName.random)"
    let staging = (parent as NSString).appendingPathComponent(".\(experiment.id).\(tag)")
    let old = (parent as NSString).appendingPathComponent(".\(experiment.id).old.\(tag)")
    do { try fm.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
      throw ReproError.failed(
        "cannot create the figure folder \(parent): \(fileSystemReason(error, path: parent + "/.")); give another --figures"
      )
    }
    Temporaries.removeStale(in: parent)
    // The scratch folder of a plot that did not finish: best effort, since a leftover carries this process's pid
    // and the next plot removes it (`Temporaries`); failing here would hide the error being thrown.
    defer { try? fm.removeItem(atPath: staging) }
    var drawn: [String] = []
    for var figure in figures {
      figure.title += results.preset == Preset.paper.rawValue ? "" : " [\(results.preset) preset]"
      do {
        drawn += try renderer.render(figure, into: staging)
      } catch {
        throw ReproError.failed(String(describing: error).replacingOccurrences(of: staging, with: final))
      }
    }
    // Another plot of the same experiment may swap its own figures in meanwhile: then move those aside too.
    var attempts = 0
    while true {
      attempts += 1
      if rename(final, old) != 0 && errno != ENOENT {
        throw ReproError.failed("cannot replace the figures in \(final): \(String(cString: strerror(errno)))")
      }
      if rename(staging, final) == 0 { break }
      let reason = String(cString: strerror(errno))
      guard attempts < 3, errno == ENOTEMPTY || errno == EEXIST else {
        _ = rename(old, final)
        throw ReproError.failed("cannot move the new figures into \(final): \(reason)")
      }
      // The figures another plot swapped in meanwhile, now moved aside: best effort, as below.
      try? fm.removeItem(atPath: old)
    }
    // The replaced figures, already out of place: the new ones are in; a leftover carries this process's pid and
    // the next plot removes it (`Temporaries`), so a failure here must not fail a plot that succeeded.
    try? fm.removeItem(atPath: old)
    return drawn.map { (final as NSString).appendingPathComponent(($0 as NSString).lastPathComponent) }
  }
}
