import ArgumentParser
import Foundation
import Harness

/// Where results and figures go; shared by every subcommand.
struct WorkspaceOptions: ParsableArguments {
  @Option(name: .customLong("results"), help: ArgumentHelp("Directory of result files.", valueName: "dir"))
  var results = "results"

  @Option(name: .customLong("figures"), help: ArgumentHelp("Directory of figures.", valueName: "dir"))
  var figures = "figures"

  @Option(name: .customLong("baselines"), help: ArgumentHelp("Directory of stored baselines.", valueName: "dir"))
  var baselines = "results/baselines"

  var workspace: Workspace { Workspace(results: results, figures: figures, baselines: baselines) }

  /// An empty directory would silently mean the current one.
  func validate() throws {
    for (option, value) in [("results", results), ("figures", figures), ("baselines", baselines)]
    where value.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError(
        "--\(option) needs a directory, got an empty path: give one (default: \(option == "baselines" ? "results/baselines" : option))"
      )
    }
  }
}

extension Preset: ExpressibleByArgument {}

/// Runs a command body; a ReproError becomes one line on stderr and its exit status.
func reporting(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as ReproError {
    FileHandle.standardError.write(Data("repro: \(error.description)\n".utf8))
    throw ExitCode(error.exitCode)
  } catch let error as ExitCode {
    throw error
  } catch {
    FileHandle.standardError.write(Data("repro: \(error)\n".utf8))
    throw ExitCode(1)
  }
}

func printOut(_ s: String) {
  FileHandle.standardOutput.write(Data((s + "\n").utf8))
}
