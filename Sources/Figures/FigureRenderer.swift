/// What draws figures into files. The binary hands one to `Workspace.plot` (the gnuplot renderer,
/// `Gnuplot.renderer` in `Sources/GnuplotRenderer`), so that neither the harness nor an experiment module
/// depends on the renderer: a module declares figures, only the renderer writes gnuplot.
public protocol FigureRenderer: Sendable {
  /// Draws `figure` into `directory` (created if missing) and returns the paths of the files written. Atomic:
  /// on failure nothing in `directory` changes, and the error's description is one line that names the fix.
  func render(_ figure: Figure, into directory: String) throws -> [String]
}
