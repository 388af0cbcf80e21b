import Foundation
import HDF5

extension Baselines {
  /// Copies the result to the baseline, atomically. Refuses a result whose preset or parameters
  /// are not the preset's own, unless `force`.
  ///
  /// What is validated is what is blessed (issue 21, item 11): the result's bytes are read once, written to
  /// a temporary beside the baseline, validated there and renamed into place, so a run replacing the result
  /// meanwhile cannot slip other parameters in. A result path that is a symbolic link is read through (its
  /// target's bytes are blessed, never the link); a baseline path that is a symbolic link is refused, since
  /// a baseline is committed as a file and a link would commit only where it points (item 10).
  public static func bless(
    _ experiment: any Experiment.Type, preset: Preset, result: String, baselineRoot: String, force: Bool
  ) throws -> String {
    let target = path(experiment.id, preset: preset, root: baselineRoot)
    if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: target) {
      throw ReproError.badValue(
        "\(target) is a symbolic link (to \(destination)): a baseline is committed as a file; remove the link and bless again"
      )
    }
    let bytes: Data
    do { bytes = try Data(contentsOf: URL(fileURLWithPath: result)) } catch {
      _ = try Results.read(result)  // the usual message for a missing result
      throw ReproError.missing("cannot read \(result): \(fileSystemReason(error, path: result)); rerun the experiment")
    }
    BaselineHooks.afterResultRead?(result)
    let directory = (target as NSString).deletingLastPathComponent
    let temporary = directory + "/.\(experiment.id).h5.\(TemporaryName.stem)-\(TemporaryName.random)"
    // A refused bless leaves the disk as it was: the folders made for the temporary go with it.
    var made: [String] = []
    var ancestor = directory
    while !ancestor.isEmpty && ancestor != "/" && !FileManager.default.fileExists(atPath: ancestor) {
      made.append(ancestor)
      ancestor = (ancestor as NSString).deletingLastPathComponent
    }
    var blessed = false
    defer {
      unlink(temporary)  // nothing once renamed
      if !blessed { for folder in made { _ = rmdir(folder) } }
    }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      Temporaries.removeStale(in: directory)
      try bytes.write(to: URL(fileURLWithPath: temporary))
    } catch {
      throw ReproError.failed(
        "cannot bless \(target): \(fileSystemReason(error, path: temporary)); free space or give a writable --baselines"
      )
    }
    try validate(temporary, as: result, experiment, preset: preset, force: force)
    sync(temporary)
    guard rename(temporary, target) == 0 else {
      throw ReproError.failed("cannot rename \(temporary) to \(target): \(String(cString: strerror(errno)))")
    }
    blessed = true
    sync(directory)
    return target
  }

  /// Refuses the copy `file` of `result` unless it is the experiment's, run with the preset's own
  /// parameters (or `force`). Messages name `result`, never the copy.
  private static func validate(
    _ file: String, as result: String, _ experiment: any Experiment.Type, preset: Preset, force: Bool
  ) throws {
    let r: Results
    do { r = try Results.read(file) } catch {
      throw ReproError.missing(error.description.replacingOccurrences(of: file, with: result))
    }
    guard r.experiment == experiment.id else {
      throw ReproError.badValue("\(result) holds results of '\(r.experiment)', not \(experiment.id)")
    }
    guard !force else { return }
    guard r.preset == preset.rawValue else {
      throw ReproError.badValue(
        "\(result) was run with preset \(r.preset), not \(preset.rawValue): run `repro run \(experiment.id) --preset \(preset.rawValue)` first, or pass --force"
      )
    }
    let own = try Configuration(experiment: experiment, preset: preset).json
    let differing = differingParameters(r.string("parameters"), own)
    guard differing.isEmpty else {
      throw ReproError.badValue(
        "\(result) has parameters other than the \(preset.rawValue) preset's (\(differing.joined(separator: ", "))): rerun without --set, or pass --force"
      )
    }
  }

  /// Best-effort fsync of a file or directory, so the rename publishes complete data.
  private static func sync(_ path: String) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    _ = close(fd)
  }
}
