import ArgumentParser
import Foundation
import Harness

/// `--results`: the directory of result files. By default it depends on the preset, so a quick run never
/// replaces a paper result: `results/` for the paper preset, `results/quick/` for quick.
struct ResultsOption: ParsableArguments {
  @Option(
    name: .customLong("results"),
    help: ArgumentHelp(
      "Directory of result files (default: results/ at the paper preset, results/quick/ at quick).", valueName: "dir"))
  var path: String?

  func directory(_ preset: Preset) -> String { path ?? Workspace.defaultResults(preset) }

  func validate() throws { try nonEmpty("results", path) }
}

/// `--figures`: where figures and the gallery go. By default `figures/` for `results/` and `<results>/figures/`
/// for any other directory, and `figures/` takes paper results only: nothing in it is drawn from a quick
/// result unless asked.
struct FiguresOption: ParsableArguments {
  @Option(
    name: .customLong("figures"),
    help: ArgumentHelp(
      "Directory of figures (default: figures/ for results/, <results>/figures/ for any other, e.g. results/quick/).",
      valueName: "dir"))
  var path: String?

  func validate() throws { try nonEmpty("figures", path) }
}

/// `--baselines`: the stored baselines (both presets, by file name).
struct BaselinesOption: ParsableArguments {
  @Option(
    name: .customLong("baselines"),
    help: ArgumentHelp("Directory of stored baselines (default: results/baselines/).", valueName: "dir"))
  var path: String?

  var directory: String { path ?? Workspace.defaultBaselines }

  func validate() throws { try nonEmpty("baselines", path) }
}

/// An empty directory would silently mean the current one.
private func nonEmpty(_ option: String, _ value: String?) throws {
  if let value, value.trimmingCharacters(in: .whitespaces).isEmpty {
    throw ValidationError("--\(option) needs a directory, got an empty path: give one or leave the option out")
  }
}

extension Workspace {
  /// The workspace of a command: results by preset unless given, figures by the preset of the results drawn.
  init(_ preset: Preset, results: ResultsOption, figures: FiguresOption? = nil, baselines: BaselinesOption? = nil) {
    let directory = results.directory(preset)
    self.init(
      results: directory,
      figures: figures?.path ?? Workspace.defaultFigures(results: directory),
      baselines: baselines?.directory ?? Workspace.defaultBaselines)
    figuresArePaperOnly =
      figures?.path == nil && self.figures == Workspace.defaultFigures(results: Workspace.defaultResults(.paper))
  }
}

extension Preset: ExpressibleByArgument {}

/// Runs a command body; a ReproError becomes one line on stderr and its exit status.
func reporting(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as ReproError {
    FileHandle.standardError.write(Data("repro: \(singleLine(error.description))\n".utf8))
    throw ExitCode(error.exitCode)
  } catch let error as ExitCode {
    throw error
  } catch let stopped as RunStopped {
    FileHandle.standardError.write(Data("repro: \(RunSignals.finish(stopped))\n".utf8))
    throw ExitCode(RunSignals.status)
  } catch {
    FileHandle.standardError.write(Data("repro: \(singleLine("\(error)"))\n".utf8))
    throw ExitCode(1)
  }
}

/// An error message as one line whatever it quotes: a path holding a newline or a carriage return shows
/// it escaped (`\n`), so the message stays one line and still names the path (issue 21, item 18).
func singleLine(_ message: String) -> String {
  message.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
}

func printOut(_ s: String) {
  FileHandle.standardOutput.write(Data((s + "\n").utf8))
}
