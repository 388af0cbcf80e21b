import Foundation
import HDF5
import SourceHash

/// Finished sweep points on disk, one HDF5 file each, so a run that stops can resume, a sweep that grows
/// computes only its new points, and shards computed anywhere can be merged.
///
/// Layout: `<results>/.store/<experiment>/<code>/<key>.h5`, where `<code>` names the sources that compute
/// the point (the first 16 hex digits of their SHA-256 digest, `SourceFingerprint`), followed, in a run whose
/// environment changes the numbers (`NumericEnvironment`: perturbed inputs, forced BLAS kernels), by
/// `.<what differs>`, so such points and ordinary ones are never mistaken for each other; and `<key>` is the
/// SHA-256 of the point's random-stream key (experiment id and every parameter value, sorted by name), so a
/// point is found again whatever its index in the sweep. A changed module or engine source changes `<code>`:
/// its old points are never reused, only left for `repro clean-store` to remove.
///
/// A point file holds the record exactly: `/scalars` (values, names in the attribute `scalar_names`),
/// `/arrays/a0000…` (names in `array_names`), the notes (`notes`, JSON pairs), what each value is (`info`,
/// JSON: name → [description, units or null, is a count]), the point's parameters (`parameters`) and the
/// BLAS kernels that computed it (`blas_core`, as `Platform.blasCore`). Written atomically; the temporary name
/// carries the process id and, under Slurm, the job, array task and restart count, so two copies of one task
/// never write the same temporary file. A file that cannot be read is named with the fix (`clean-store`
/// removes it, or `--fresh`).
public struct PointStore: Sendable {
  public let directory: String
  /// The results directory the store is in.
  public let results: String
  public let experiment: String
  public let code: String
  /// False: `load` finds nothing (a fresh run), but points computed are still stored.
  public var reads = true

  /// The store of `experiment`'s points computed by the sources with `digest` in `environment`, under `results`.
  public init(
    results: String, experiment: String, digest: String, environment: NumericEnvironment = .current
  ) {
    self.experiment = experiment
    self.results = results
    code = String(digest.prefix(16)) + (environment.tag.isEmpty ? "" : "." + environment.tag)
    directory = [results, ".store", experiment, code].reduce("") {
      $0.isEmpty ? $1 : ($0 as NSString).appendingPathComponent($1)
    }
  }

  /// The experiment's store directory (every code version).
  public static func root(results: String, experiment: String) -> String {
    ((results as NSString).appendingPathComponent(".store") as NSString).appendingPathComponent(experiment)
  }

  public func path(_ point: Point) -> String {
    (directory as NSString).appendingPathComponent(SHA256.hex(point.streamKey(experiment: experiment)) + ".h5")
  }

  public func contains(_ point: Point) -> Bool { FileManager.default.fileExists(atPath: path(point)) }

  /// The stored record of `point`, or nil when there is none. A file that cannot be read (a torn write can
  /// not happen, but a disk can fail) is an error naming it and the fix.
  public func load(_ point: Point) throws -> Record? { try loadWithKernel(point)?.record }

  /// The stored record of `point` and the BLAS kernels that computed it ("unrecorded" for a file that does
  /// not say), or nil when there is none.
  public func loadWithKernel(_ point: Point) throws -> (record: Record, kernel: String)? {
    let file = path(point)
    guard reads, FileManager.default.fileExists(atPath: file) else { return nil }
    let stored: Stored
    do { stored = try Self.read(file) } catch {
      throw ReproError.failed(
        "cannot read the stored point \(file): \(oneLine(error)); remove it (`\(cleanCommand)` removes unreadable points) or rerun with --fresh"
      )
    }
    guard stored.parameters == point.json else {
      throw ReproError.failed(
        "the stored point \(file) holds other parameters than point \(point.index + 1); remove it (`rm \(file)`) or rerun with --fresh"
      )
    }
    return (stored.record, stored.kernel)
  }

  /// The command that removes this store's unreadable points, as typed: `clean-store` cleans both default
  /// results directories unless `--results` names another.
  var cleanCommand: String {
    let defaults = Preset.allCases.map { (Workspace.defaultResults($0) as NSString).standardizingPath }
    let here = (results as NSString).standardizingPath
    return "repro clean-store \(experiment)" + (defaults.contains(here) ? "" : " --results \(shellQuoted(results))")
  }

  /// A point file's contents.
  struct Stored {
    var parameters: String
    var record: Record
    var kernel: String
  }

  /// Reads a point file whole; any damage is an error.
  static func read(_ file: String) throws -> Stored {
    let h5 = try H5File.open(file)
    let root = h5.root
    guard case .string(let parameters) = try root.attribute("parameters") else {
      throw ReproError.failed("\(file): attribute parameters is not text")
    }
    var record = Record()
    let scalarNames = try strings(root, "scalar_names")
    let values = try root.readDoubles("scalars").values
    guard values.count == scalarNames.count else {
      throw ReproError.failed("\(file): scalars and their names differ")
    }
    for (name, value) in zip(scalarNames, values) { record.setScalar(name, value) }
    let arrays = try root.group("arrays")
    for (k, name) in try strings(root, "array_names").enumerated() {
      record.setArray(name, try arrays.readDoubles(Self.arrayName(k)))
    }
    guard case .string(let infoText) = try root.attribute("info"),
      let info = try JSONSerialization.jsonObject(with: Data(infoText.utf8)) as? [String: [Any]]
    else { throw ReproError.failed("\(file): attribute info is not a map of descriptions") }
    for (name, entry) in info {
      guard entry.count == 3, let description = entry[0] as? String, let isCount = entry[2] as? Bool else {
        throw ReproError.failed("\(file): the description of \(name) is malformed")
      }
      record.setInfo(name, DatasetInfo(description, units: entry[1] as? String, isCount: isCount))
    }
    let notes = try strings(root, "notes")
    for k in stride(from: 0, to: notes.count - 1, by: 2) { record.note(notes[k], notes[k + 1]) }
    var kernel = "unrecorded"
    if try root.attributeNames().contains("blas_core"), case .string(let core) = try root.attribute("blas_core") {
      kernel = core
    }
    return Stored(parameters: parameters, record: record, kernel: kernel)
  }

  /// Stores `record` as the result of `point`, atomically (replacing any earlier copy: the same point
  /// computed by the same sources is the same record, so a second writer changes nothing).
  public func save(_ record: Record, for point: Point) throws {
    let file = path(point)
    do {
      let h5 = try H5File.create(atomicallyAt: file, temporaryTag: Self.temporaryTag)
      let root = h5.root
      try root.setAttribute("parameters", .string(point.json))
      try root.setAttribute("experiment", .string(experiment))
      try root.setAttribute("code", .string(code))
      try root.setAttribute("blas_core", .string(Platform.current.blasCore))
      try root.setAttribute("scalar_names", .string(json(record.scalars.map(\.name))))
      try root.write("scalars", NDArray(record.scalars.map(\.value)))
      try root.setAttribute("array_names", .string(json(record.arrays.map(\.name))))
      let arrays = try root.createGroup("arrays")
      for (k, array) in record.arrays.enumerated() { try arrays.write(Self.arrayName(k), array.value) }
      try root.setAttribute("notes", .string(json(record.notes.flatMap { [$0.name, $0.value] })))
      let info = record.info.keys.sorted().map { name in
        let i = record.info[name]!
        return "\(jsonString(name)):[\(jsonString(i.description)),\(i.units.map(jsonString) ?? "null"),\(i.isCount)]"
      }
      try root.setAttribute("info", .string("{" + info.joined(separator: ",") + "}"))
      try h5.commit()
    } catch {
      throw ReproError.failed("cannot store point \(point.index + 1) in \(file): \(oneLine(error))")
    }
  }

  /// Under Slurm, the job, array task and restart count, so that a requeued task overlapping its first copy
  /// writes its own temporary files.
  static var temporaryTag: String {
    let env = ProcessInfo.processInfo.environment
    return ["SLURM_JOB_ID", "SLURM_ARRAY_TASK_ID", "SLURM_RESTART_COUNT"].compactMap { env[$0] }.joined(separator: "-")
  }

  static func arrayName(_ k: Int) -> String {
    "a" + String(repeating: "0", count: max(0, 4 - String(k).count)) + String(k)
  }

  /// Removes the stored points of `experiment` (all experiments when nil) computed by other sources than
  /// `current` (experiment id → digest), and those of the current sources that cannot be read; with `all`,
  /// every stored point. Returns the directories and files removed. A version a running run holds (`hold()`)
  /// is left alone and passed to `inUse`.
  public static func clean(
    results: String, experiments: [String: String], all: Bool, inUse: ((String) -> Void)? = nil
  ) throws -> [String] {
    var removed: [String] = []
    let fm = FileManager.default
    for (id, digest) in experiments.sorted(by: { $0.key < $1.key }) {
      let root = Self.root(results: results, experiment: id)
      guard let versions = try? fm.contentsOfDirectory(atPath: root) else { continue }
      let current = String(digest.prefix(16))
      for version in versions.sorted() {
        let path = (root as NSString).appendingPathComponent(version)
        // A running run holds the version's lock file shared. Where no lock file can be made (a read-only
        // tree) no run holds one either, and the removal below says why it fails.
        var lock: FileLock?
        do {
          guard let held = try FileLock.attempt(lockPath(path), .exclusive) else {
            inUse?(path)
            continue
          }
          lock = held
        } catch {}
        // The current sources' points stay, except those that cannot be read (a failing disk, a crafted file).
        let doomed: [String]
        if all || (version != current && !version.hasPrefix(current + ".")) {
          doomed = [path]
        } else {
          doomed = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted()
            .filter { $0.hasSuffix(".h5") && !$0.hasPrefix(".") }
            .map { (path as NSString).appendingPathComponent($0) }
            .filter { (try? Self.read($0)) == nil }
        }
        for item in doomed {
          do { try fm.removeItem(atPath: item) } catch {
            throw ReproError.failed(
              "cannot remove \(item): \(fileSystemReason(error, path: item)); make it writable or remove it yourself")
          }
          removed.append(item)
        }
        withExtendedLifetime(lock) {}
      }
      if (try? fm.contentsOfDirectory(atPath: root))?.isEmpty == true { try? fm.removeItem(atPath: root) }
    }
    return removed
  }

  private static func strings(_ group: H5Group, _ name: String) throws -> [String] {
    guard case .string(let text) = try group.attribute(name),
      let list = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
    else { throw ReproError.failed("\(group.filePath): attribute \(name) is not a list of names") }
    return list
  }

  private func json(_ names: [String]) -> String { "[" + names.map(jsonString).joined(separator: ",") + "]" }
}

/// An error's text on one line.
func oneLine(_ error: any Error) -> String {
  "\(error)".split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
}
