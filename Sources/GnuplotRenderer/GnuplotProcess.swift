import Foundation

/// Running gnuplot: one process per figure, no init files, killed with its parent, errors in one line.
extension Gnuplot {
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
