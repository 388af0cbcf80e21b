import Figures
import Foundation

/// The gnuplot renderer, the only code that writes gnuplot: turns a `Figure` into a self-contained gnuplot
/// script (data inline) and runs gnuplot on it to draw `<name>.png` and `<name>.pdf`. The script is built by
/// `Script` (one panel) or `Grid` (small multiples) from the pieces in this folder; `Rendering` stages and
/// checks the files, `GnuplotProcess` runs gnuplot.
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

  /// The renderer `Workspace.plot` takes: `render(_:into:)` with the gnuplot found on `PATH`.
  public static let renderer: any FigureRenderer = Renderer()

  struct Renderer: FigureRenderer {
    func render(_ figure: Figure, into directory: String) throws -> [String] {
      try Gnuplot.render(figure, into: directory)
    }
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
}
