import Foundation
import HDF5
import SourceHash

/// `repro archive`: a self-contained bundle of results, their figures, baselines, sensitivities, the gallery,
/// the sources of each result's fingerprint, an RO-Crate (`ro-crate-metadata.json`, Process Run Crate profile)
/// and a CITATION.cff. Written into a folder beside the destination and renamed into place when complete: a
/// kill or an error leaves the destination as it was.
public enum ArchiveBundle {
  public struct Request {
    public var experiments: [any Experiment.Type]
    public var workspace: Workspace
    public var preset: Preset
    public var out: String
    public var force: Bool
    /// The source tree (sources, CITATION.cff, the papers' READMEs).
    public var sourceRoot: String
    public var date: Date
    /// Test hook: called with the staging folder once every file is written, before it is renamed into place.
    var beforeRename: ((String) throws -> Void)?

    public init(
      experiments: [any Experiment.Type], workspace: Workspace, preset: Preset, out: String, force: Bool,
      sourceRoot: String, date: Date = Date()
    ) {
      self.experiments = experiments
      self.workspace = workspace
      self.preset = preset
      self.out = out
      self.force = force
      self.sourceRoot = sourceRoot
      self.date = date
    }
  }

  public struct Summary: Sendable {
    public let directory: String
    public let files: Int
    public let bytes: Int
    public let results: Int
  }

  public static func write(_ request: Request) throws(ReproError) -> Summary {
    let fm = FileManager.default
    let out = (request.out as NSString).standardizingPath
    try refuseExisting(out, force: request.force)
    let citation = try Citation.read(root: request.sourceRoot)

    // Everything that can refuse the request does so before a byte is written.
    let layout = ArchiveLayout(preset: request.preset)
    var plan = ArchivePlan(layout: layout, sourceRoot: request.sourceRoot)
    for e in request.experiments { try plan.add(e, from: request.workspace, preset: request.preset) }

    let parent = (out as NSString).deletingLastPathComponent.isEmpty ? "." : (out as NSString).deletingLastPathComponent
    let name = (out as NSString).lastPathComponent
    do { try fm.createDirectory(atPath: parent, withIntermediateDirectories: true) } catch {
      throw .failed("cannot write \(out): \(fileSystemReason(error, path: parent + "/.")); give another --out")
    }
    Temporaries.removeStale(in: parent)
    let tag = "\(TemporaryName.stem)-\(TemporaryName.random)"
    let staging = (parent as NSString).appendingPathComponent(".\(name).\(tag)")
    defer { try? fm.removeItem(atPath: staging) }
    do { try fm.createDirectory(atPath: staging, withIntermediateDirectories: false) } catch {
      throw .failed("cannot write \(out): \(fileSystemReason(error, path: staging)); give another --out")
    }

    do {
      for item in plan.items { try place(item, in: staging) }
      // The gallery of the archived experiments, from the bundled results and figures (its links stay inside).
      let space = Workspace(
        results: staging + "/" + layout.results, figures: staging + "/" + layout.figures,
        baselines: staging + "/" + layout.baselines)
      let gallery = try Gallery.markdown(request.experiments, workspace: space)
        .replacingOccurrences(of: staging + "/", with: "")
        // The gallery links a paper's setting as ../experiments/ (right for figures/): from a deeper gallery
        // (results/quick/figures/) the bundle's experiments/ is further up.
        .replacingOccurrences(
          of: "](../experiments/",
          with: "](" + String(repeating: "../", count: layout.figures.split(separator: "/").count) + "experiments/")
      // The lock folder a result's claims were refreshed under (a result without stored claims) is not a part.
      try? FileManager.default.removeItem(atPath: space.results + "/.locks")
      plan.add(
        Data(gallery.utf8), at: layout.gallery,
        properties: [
          "name": "Gallery",
          "about": plan.runs.filter { $0.control == nil }.map { CrateGraph.ref(CrateGraph.id(path: $0.destination)) },
          "description": "Every archived experiment's claims, verdicts, controls and figures with their captions.",
        ])
      let commits = Set(plan.runs.map(\.run.commit)).sorted()
      plan.add(
        Data(citation.forBundle(commit: commits.joined(separator: " "), date: request.date).utf8),
        at: ArchiveLayout.citation,
        properties: [
          "name": "CITATION.cff",
          "description": "How to cite this bundle: repro at the results' commit, and the four papers.",
        ])
      for item in plan.items.suffix(2) { try place(item, in: staging) }

      // Hashes of the files as written (a result's stored claims may have been refreshed by the gallery).
      var files: [String: StagedFile] = [:]
      for item in plan.items {
        let data = try Data(contentsOf: URL(fileURLWithPath: staging + "/" + item.destination))
        files[item.destination] = StagedFile(sha256: SHA256.hex(data), size: data.count)
      }
      let graph = ArchiveCrate.graph(plan, files: files, citation: citation, preset: request.preset, date: request.date)
      try graph.json().write(to: URL(fileURLWithPath: staging + "/" + ArchiveLayout.metadata))
      try request.beforeRename?(staging)
    } catch let error as ReproError {
      throw error
    } catch {
      throw .failed("cannot write the bundle \(out): \(fileSystemReason(error, path: staging))")
    }

    try swapIn(staging, to: out, tag: tag)
    let total = plan.items.reduce(0) { sum, item in
      sum + ((try? fm.attributesOfItem(atPath: out + "/" + item.destination))?[.size] as? Int ?? 0)
    }
    return Summary(
      directory: out, files: plan.items.count + 1, bytes: total, results: plan.runs.filter { $0.control == nil }.count)
  }

  /// An existing non-empty destination without `force`, or one that is not a directory, is refused.
  static func refuseExisting(_ out: String, force: Bool) throws(ReproError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) else { return }
    guard isDirectory.boolValue else {
      throw .badValue("\(out) exists and is not a directory: give another --out")
    }
    let contents = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
    if !contents.isEmpty && !force {
      throw .badValue("\(out) exists and is not empty: give --force to replace it, or another --out")
    }
  }

  private static func place(_ item: ArchivePlan.Item, in staging: String) throws {
    let target = staging + "/" + item.destination
    try FileManager.default.createDirectory(
      atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    switch item.origin {
    case .bytes(let data): try data.write(to: URL(fileURLWithPath: target))
    case .file(let path):
      // A copy, not a link: the bundle must not change when the results do.
      guard let data = FileManager.default.contents(atPath: path) else {
        throw ReproError.missing("cannot read \(path) to archive it")
      }
      try data.write(to: URL(fileURLWithPath: target))
    }
  }

  /// Renames the complete bundle into place; an old destination is moved aside first and removed after.
  private static func swapIn(_ staging: String, to out: String, tag: String) throws(ReproError) {
    let old = ((out as NSString).deletingLastPathComponent as NSString)
      .appendingPathComponent(".\((out as NSString).lastPathComponent).old.\(tag)")
    let exists = FileManager.default.fileExists(atPath: out)
    if exists && rename(out, old) != 0 {
      throw .failed("cannot replace \(out): \(String(cString: strerror(errno)))")
    }
    if rename(staging, out) != 0 {
      let reason = String(cString: strerror(errno))
      if exists { _ = rename(old, out) }
      throw .failed("cannot move the bundle into \(out): \(reason)")
    }
    if exists { try? FileManager.default.removeItem(atPath: old) }
  }
}
