import Figures
import Foundation
import HDF5

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Drawing a figure into a folder: the script and gnuplot's two files are made in a scratch folder beside the
/// figures, checked whole, their PDF date pinned, and renamed into place only then.
extension Gnuplot {
  /// What a render wrote, and anything gnuplot said on stderr (warnings).
  struct Rendering {
    var paths: [String]
    var stderr: String
  }

  /// `render(_:into:)` with a given gnuplot executable and, for tests, a
  /// replacement script.
  @discardableResult
  static func render(
    _ figure: Figure, into directory: String, executable: String, script: String? = nil
  ) throws -> Rendering {
    let name = figure.name
    guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\0")
    else {
      throw GnuplotError(
        .badName, "figure name \(quoted(name)) is not a file stem: use a name without '/'")
    }
    let fm = FileManager.default
    do {
      try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw GnuplotError(
        .fileSystem, "cannot create figure folder \(directory): \(fileSystemReason(error, path: directory))")
    }
    let scratch = "\(directory)/.\(name).gnuplot-\(UUID().uuidString)"
    do {
      try fm.createDirectory(atPath: scratch, withIntermediateDirectories: false)
    } catch {
      throw GnuplotError(
        .fileSystem, "cannot write in figure folder \(directory): \(fileSystemReason(error, path: scratch))")
    }
    defer { try? fm.removeItem(atPath: scratch) }

    let files = ["\(name).gp", "\(name).png", "\(name).pdf"]
    do {
      try Data((script ?? makeScript(figure)).utf8).write(
        to: URL(fileURLWithPath: "\(scratch)/\(files[0])"))
    } catch {
      throw GnuplotError(
        .fileSystem, "cannot write \(files[0]) in \(directory): \(fileSystemReason(error, path: scratch))")
    }
    let stderr = try run(executable, script: files[0], in: scratch, figure: name)
    for file in files.dropFirst() {
      guard let bytes = try? Data(contentsOf: URL(fileURLWithPath: "\(scratch)/\(file)")), !bytes.isEmpty else {
        throw GnuplotError(
          .noOutput,
          "gnuplot succeeded on figure \(name) but wrote no \(file): check the script's `set output` lines, and the free space on \(directory)"
        )
      }
      // A full disk truncates silently: a PNG ends with its IEND chunk, a PDF with %%EOF.
      guard isComplete(bytes, pdf: file.hasSuffix(".pdf")) else {
        throw GnuplotError(
          .noOutput,
          "gnuplot wrote an incomplete \(file) (\(bytes.count) bytes) for figure \(name): is the disk of \(directory) full? Free space and plot again"
        )
      }
    }
    // cairo stamps the PDF with the time of drawing; the script pins it (perl), and this does again what
    // perl did, or what it could not do where there is no perl: a redrawn figure is byte-identical.
    let pdf = URL(fileURLWithPath: "\(scratch)/\(files[2])")
    if let drawn = try? Data(contentsOf: pdf) {
      var bytes = drawn
      if fixCreationDate(&bytes), bytes != drawn { try? bytes.write(to: pdf) }
    }
    var paths: [String] = []
    for file in files {
      let target = "\(directory)/\(file)"
      guard rename("\(scratch)/\(file)", target) == 0 else {
        throw GnuplotError(
          .fileSystem, "cannot move \(file) into \(directory): \(String(cString: strerror(errno)))")
      }
      paths.append(target)
    }
    return Rendering(paths: paths, stderr: stderr)
  }

  /// A PNG ends with the IEND chunk (its CRC included); a PDF has `%%EOF` in its last 1 KiB.
  static func isComplete(_ bytes: Data, pdf: Bool) -> Bool {
    if pdf { return bytes.suffix(1024).range(of: Data("%%EOF".utf8)) != nil }
    return bytes.suffix(8) == Data([0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])
  }
}
