import Foundation
import HDF5

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The plotting stage: turns a `Figure` into a self-contained gnuplot script
/// (data inline) and runs gnuplot on it to draw `<name>.png` and `<name>.pdf`.
public enum Gnuplot {
  /// The complete, self-contained gnuplot script for a figure: all data
  /// inline as datablocks, then it draws `<name>.png` (pngcairo, 900×600)
  /// and `<name>.pdf` (pdfcairo, 6in×4in) in the current directory, so a
  /// reader can run `gnuplot <name>.gp` inside the figure folder.
  public static func script(for figure: Figure) -> String {
    makeScript(figure)
  }

  /// Writes `<directory>/<name>.gp`, `<name>.png` and `<name>.pdf` and
  /// returns their paths. Atomic: all three are produced in a fresh temporary
  /// directory inside `directory` and renamed into place only after gnuplot
  /// succeeded; on failure nothing in `directory` changes. Creates
  /// `directory` if missing.
  @discardableResult
  public static func render(_ figure: Figure, into directory: String) throws -> [String] {
    guard let gnuplot = executable() else { throw GnuplotError.notFound }
    return try render(figure, into: directory, executable: gnuplot).paths
  }

  /// Path of the gnuplot executable found on `PATH`, or nil.
  public static func executable() -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for dir in path.split(separator: ":") where !dir.isEmpty {
      let candidate = "\(dir)/gnuplot"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

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

  /// Pins a PDF's `/CreationDate (D:YYYYMMDDHHmmSS<zone>)` to `(D:20000101000000Z)`, 2000-01-01 00:00:00
  /// UTC, whatever the time zone of the drawing (cairo writes local time, `Z` or `+05'30`), and moves the
  /// cross-reference offsets and `startxref` that lie past it by the change of length, so the PDF stays
  /// valid and its bytes do not depend on where or when it was drawn. The script does the same itself
  /// (`pinDate`, in perl); this does it again where there is no perl, and changes nothing after it.
  /// False if the PDF has no such date.
  static func fixCreationDate(_ pdf: inout Data) -> Bool {
    let bytes = [UInt8](pdf)
    guard let found = pdf.range(of: Data("/CreationDate (D:".utf8)) else { return false }
    let start = found.lowerBound - pdf.startIndex
    var i = found.upperBound - pdf.startIndex
    var digits = 0
    while i < bytes.count, digits < 14, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) {
      i += 1
      digits += 1
    }
    guard digits == 14 else { return false }
    // The zone (`Z`, `+05'30`, …) up to the closing parenthesis, on the same line.
    var close = i
    while close < bytes.count, close - i < 16, bytes[close] != UInt8(ascii: ")"), bytes[close] != 0x0A { close += 1 }
    guard close < bytes.count, bytes[close] == UInt8(ascii: ")") else { return false }
    let fixed = Array("/CreationDate (D:\(pdfDate))".utf8)
    let delta = fixed.count - (close + 1 - start)
    var out = Array(bytes[..<start]) + fixed + Array(bytes[(close + 1)...])
    if delta != 0, let x = lastIndex(of: Array("\nxref\n".utf8), in: out), x > start {
      // The table and the trailer are ASCII: entries `oooooooooo ggggg n` and `startxref` then a number.
      var lines = String(decoding: out[x...], as: UTF8.self).components(separatedBy: "\n")
      var afterStartxref = false
      for k in lines.indices {
        let line = lines[k]
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        if fields.count >= 3, fields[0].count == 10, fields[1].count == 5, fields[2] == "n",
          let offset = Int(fields[0]), offset > start
        {
          lines[k] = String(format: "%010d", offset + delta) + line.dropFirst(10)
        } else if afterStartxref, let offset = Int(line), offset > start {
          lines[k] = String(offset + delta)
        }
        afterStartxref = line == "startxref"
      }
      out = Array(out[..<x]) + Array(lines.joined(separator: "\n").utf8)
    }
    pdf = Data(out)
    return true
  }

  /// Where the last occurrence of `needle` starts in `haystack`.
  static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for k in stride(from: haystack.count - needle.count, through: 0, by: -1)
    where haystack[k] == needle[0] && Array(haystack[k..<(k + needle.count)]) == needle {
      return k
    }
    return nil
  }

  /// Runs `gnuplot -d <script>` (no init files) in `directory`; returns its
  /// stderr, or throws a one-line error when it cannot run or fails.
  static func run(_ executable: String, script: String, in directory: String, figure: String) throws
    -> String
  {
    guard FileManager.default.isExecutableFile(atPath: executable) else {
      throw GnuplotError(
        .cannotRun,
        "cannot run gnuplot at \(executable) (no executable there): install it with `make deps` (Debian package gnuplot-nox)"
      )
    }
    let process = Process()
    // A killed repro takes its gnuplot with it: setpriv (util-linux) asks the kernel to send gnuplot SIGKILL
    // when its parent dies. Without setpriv, gnuplot runs directly.
    let setpriv = "/usr/bin/setpriv"
    if FileManager.default.isExecutableFile(atPath: setpriv) {
      process.executableURL = URL(fileURLWithPath: setpriv)
      process.arguments = ["--pdeathsig", "KILL", "--", executable, "-d", script]
    } else {
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = ["-d", script]
    }
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    let pipe = Pipe()
    process.standardError = pipe
    do {
      try process.run()
    } catch {
      throw GnuplotError(
        .cannotRun,
        "cannot run gnuplot at \(executable) (\(error.localizedDescription)): install it with `make deps` (Debian package gnuplot-nox)"
      )
    }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      if output.contains("unknown or ambiguous terminal type") {
        throw GnuplotError(
          .noCairo,
          "gnuplot at \(executable) lacks the cairo terminals (pngcairo, pdfcairo): install the Debian package gnuplot-nox with `make deps`"
        )
      }
      let status =
        process.terminationReason == .exit
        ? "exit status \(process.terminationStatus)"
        : "killed by signal \(process.terminationStatus)"
      throw GnuplotError(
        .failed,
        "gnuplot failed on figure \(figure) (\(status)): \(firstError(output)) — fix the figure or inspect Gnuplot.script(for:)"
      )
    }
    return output
  }

  /// gnuplot's error line (`"x.gp" line 12: ...`), else its first non-empty line.
  static func firstError(_ stderr: String) -> String {
    let lines = stderr.split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty }
    let located = lines.first {
      $0.contains(" line ") && $0.contains(":") && !$0.contains("warning:")
    }
    return located ?? lines.first ?? "no message on stderr"
  }
}

/// Why a figure could not be drawn, in one line that names the fix.
public struct GnuplotError: Error, CustomStringConvertible, Equatable, Sendable {
  public enum Kind: String, Sendable {
    case notFound, cannotRun, noCairo, failed, noOutput, badName, fileSystem
  }
  public let kind: Kind
  public let description: String

  init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.description = message.split(whereSeparator: \.isNewline).joined(separator: " ")
  }

  static let notFound = GnuplotError(
    .notFound, "gnuplot not found on PATH: install it with `make deps` (Debian package gnuplot-nox)"
  )
}
