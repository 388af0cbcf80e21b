import Foundation

/// What a bundle will hold, gathered before anything is written: each file's origin (a file on disk, or bytes
/// recovered from git) and where it goes, the crate's description of it, and the runs that made the results.
/// Everything that can refuse the request (a missing or foreign result, sources that cannot be recovered) does
/// so here, so a refusal writes nothing.
struct ArchivePlan {
  enum Origin {
    case file(String)
    case bytes(Data)
  }

  struct Item {
    let destination: String
    let origin: Origin
    /// The crate's properties of this data entity (`sha256` and `contentSize` are added once it is written).
    var properties: [String: Any]
  }

  /// A result and the run that made it.
  struct Run {
    let experiment: any Experiment.Type
    let destination: String
    let run: ArchivedRun
    /// The control's slug, nil for the experiment's own result.
    let control: String?
    /// The bundled sources of this run (their destinations).
    let sources: [String]
  }

  let layout: ArchivePlan.Layout
  private(set) var items: [Item] = []
  private(set) var runs: [Run] = []
  private var sources: ArchiveSources
  /// Source path → the SHA-256 of the version already planned at that path.
  private var placed: [String: String] = [:]

  typealias Layout = ArchiveLayout

  init(layout: ArchiveLayout, sourceRoot: String) {
    self.layout = layout
    sources = ArchiveSources(root: sourceRoot)
  }

  /// Plans an experiment: its result (which must exist and be of `preset`), its controls' results, baseline,
  /// stored sensitivity, figures, setting and sources.
  mutating func add(_ e: any Experiment.Type, from space: Workspace, preset: Preset) throws(ReproError) {
    let path = space.resultPath(e.id)
    guard FileManager.default.fileExists(atPath: path) else {
      let resultsOption = space.results == Workspace.defaultResults(preset) ? "" : " --results \(space.results)"
      throw .missing(
        "no result for \(e.id) at the \(preset.rawValue) preset in \(space.results)/: run `repro run \(e.id) --preset \(preset.rawValue)\(resultsOption)` first"
      )
    }
    let results = try Results.read(path, of: e.id)
    guard results.preset == preset.rawValue else {
      throw .badValue(
        "\(path) holds a \(results.preset)-preset result, not \(preset.rawValue): give --preset \(results.preset)")
    }
    let resultID = try addRun(e, results: results, from: path, to: layout.result(e.id), control: nil)
    let about = CrateGraph.ref(CrateGraph.id(path: resultID))

    for control in Workspace.controls(of: e) {
      let controlPath = space.controlWorkspace(e, control).resultPath(e.id)
      guard FileManager.default.fileExists(atPath: controlPath),
        let controlResults = try? Results.read(controlPath, of: e.id)
      else { continue }
      let destination = layout.control(e.id, slug: control.slug)
      guard !items.contains(where: { $0.destination == destination }) else { continue }
      _ = try addRun(e, results: controlResults, from: controlPath, to: destination, control: control.slug)
    }

    let baseline = space.baselinePath(e.id, preset: preset)
    if FileManager.default.fileExists(atPath: baseline) {
      items.append(
        Item(
          destination: layout.baseline(e.id), origin: .file(baseline),
          properties: [
            "name": "\(e.id) baseline (\(preset.rawValue))", "about": about,
            "description":
              "The blessed result `repro diff` compares \(e.id)'s \(preset.rawValue)-preset result with (results/baselines/).",
          ]))
    }
    let sensitivity = space.sensitivityPath(e.id, preset: preset)
    if FileManager.default.fileExists(atPath: sensitivity) {
      items.append(
        Item(
          destination: layout.sensitivity(e.id), origin: .file(sensitivity),
          properties: [
            "name": "\(e.id) sensitivity (\(preset.rawValue))", "about": about,
            "description":
              "How far each dataset of the baseline moves under other BLAS kernels and 1-ulp input changes (`repro sensitivity`): the tolerances of `repro diff`.",
          ]))
    }

    let figureDirectory = space.figureDirectory(e.id)
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: figureDirectory)) ?? []).sorted()
    for name in names where !name.hasPrefix(".") {
      let full = (figureDirectory as NSString).appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else {
        continue
      }
      let stem = (name as NSString).deletingPathExtension
      let what = name.hasSuffix(".gp") ? "gnuplot script (data inline) that draws" : "figure"
      items.append(
        Item(
          destination: layout.figure(e.id, name), origin: .file(full),
          properties: [
            "name": "\(e.id): \(stem) (\((name as NSString).pathExtension))", "about": about,
            "description": "The \(what) \(stem) of \(e.id), drawn by `repro plot` from its result.",
          ]))
    }

    let setting = layout.setting(paper: e.paper)
    if !items.contains(where: { $0.destination == setting }),
      let data = FileManager.default.contents(atPath: (sources.root as NSString).appendingPathComponent(setting))
    {
      items.append(
        Item(
          destination: setting, origin: .bytes(data),
          properties: [
            "name": "The setting of \(e.paper)",
            "description":
              "The setting of \(e.paper)'s experiments, reconstructed from the paper's abstract (the results' `setting` attribute names it).",
          ]))
    }
  }

  /// Plans a result file and its sources; returns the result's destination.
  private mutating func addRun(
    _ e: any Experiment.Type, results: Results, from path: String, to destination: String, control: String?
  ) throws(ReproError) -> String {
    let run = ArchivedRun(results)
    var bundled: [String] = []
    for (source, hash) in run.sources.sorted(by: { $0.key < $1.key }) {
      if let existing = placed[source] {
        let variant = existing == hash ? nil : hash
        let target = ArchiveLayout.source(source, variant: variant)
        if variant != nil, !items.contains(where: { $0.destination == target }) {
          addSource(source, at: target, data: try sources.bytes(source, hash: hash, commit: run.commit, for: e.id))
        }
        bundled.append(target)
        continue
      }
      addSource(source, at: source, data: try sources.bytes(source, hash: hash, commit: run.commit, for: e.id))
      placed[source] = hash
      bundled.append(source)
    }
    let what = control.map { "the control run `\($0)` of \(e.id)" } ?? "\(e.id)"
    items.append(
      Item(
        destination: destination, origin: .file(path),
        properties: [
          "name": control.map { "\(e.id) control \($0) (\(run.preset))" } ?? "\(e.id) (\(run.preset))",
          "description":
            "The result of \(what) at the \(run.preset) preset (HDF5; every dataset has a description and units, the root attributes its provenance): \(e.reproduces)",
        ]))
    runs.append(Run(experiment: e, destination: destination, run: run, control: control, sources: bundled))
    return destination
  }

  private mutating func addSource(_ path: String, at destination: String, data: Data) {
    items.append(
      Item(
        destination: destination, origin: .bytes(data),
        properties: ["name": path, "description": "Source file \(path) of repro, part of a result's fingerprint."]))
  }

  /// Adds a file made while writing (the gallery, the citation).
  mutating func add(_ data: Data, at destination: String, properties: [String: Any]) {
    items.append(Item(destination: destination, origin: .bytes(data), properties: properties))
  }
}
