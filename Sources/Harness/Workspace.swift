import Foundation

/// Where results and figures live (relative to the working directory unless absolute).
public struct Workspace: Sendable {
  public var results: String
  public var figures: String

  public init(results: String = "results", figures: String = "figures") {
    self.results = results
    self.figures = figures
  }

  public func resultPath(_ id: String) -> String { (results as NSString).appendingPathComponent("\(id).h5") }
  public func figureDirectory(_ id: String) -> String { (figures as NSString).appendingPathComponent(id) }

  /// Runs an experiment and writes its result file. Returns the path.
  @discardableResult
  public func run(_ experiment: any Experiment.Type, _ configuration: Configuration, runner: Runner) throws -> String {
    let created = Date()
    let start = DispatchTime.now()
    let records = try runner.run(experiment, configuration)
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    let path = resultPath(experiment.id)
    do {
      try ResultWriter.write(
        to: path, experiment: experiment, configuration: configuration, records: records,
        provenance: .current(), created: created, wallSeconds: wall)
    } catch {
      throw ReproError.failed("cannot write \(path): \(error)")
    }
    return path
  }

  /// Draws every figure of an experiment from its result file. Returns the files written.
  @discardableResult
  public func plot(_ experiment: any Experiment.Type) throws -> [String] {
    let results = try Results.read(resultPath(experiment.id))
    guard results.experiment == experiment.id else {
      throw ReproError.missing(
        "\(results.path) holds results of '\(results.experiment)', not \(experiment.id): rerun it")
    }
    let figures: [Figure]
    do { figures = try experiment.figures(results) } catch {
      throw ReproError.failed("\(experiment.id): cannot compute its figures from \(results.path): \(error)")
    }
    var written: [String] = []
    for var figure in figures {
      figure.title += results.preset == Preset.paper.rawValue ? "" : " [\(results.preset) preset]"
      do {
        written += try Gnuplot.render(figure, into: figureDirectory(experiment.id))
      } catch let e as GnuplotError {
        throw ReproError.failed(e.description)
      }
    }
    return written
  }
}
