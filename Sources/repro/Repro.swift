import ArgumentParser
import Experiments
import Foundation
import Harness

@main
struct Repro: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repro",
    abstract: "Reproduce the theorems of four papers on adversarial (non-)robustness of two-layer networks.",
    discussion: """
      Paper results go to results/<id>.h5 (HDF5) and their figures to figures/<id>/; quick results to \
      results/quick/ and their figures to results/quick/figures/. `make all` runs and draws everything; \
      `make help` lists the make targets. Shell completion: repro --generate-completion-script bash|zsh|fish.
      """,
    version: "repro \(Provenance.harnessVersion) (result schema \(Provenance.schemaVersion))",
    subcommands: [
      List.self, Run.self, Submit.self, Merge.self, Plot.self, Check.self, Diff.self, Bless.self, Sensitivity.self,
      Bisect.self,
      Status.self,
      All.self, CleanStore.self,
    ])

  /// Parses and runs the command. A parse error (a missing id, an unknown option, a value of the wrong type)
  /// is one line on stderr naming the problem and where the help is, not the parser's four-line block;
  /// `--help` still prints the help.
  static func main() {
    ChildProcesses.followParent()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .success || error is ExitCode { exit(withError: error) }
      var first = message(for: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "\(error)"
      if first.hasPrefix("Error: ") { first.removeFirst("Error: ".count) }
      while first.hasSuffix(".") { first.removeLast() }
      let arguments = CommandLine.arguments.dropFirst()
      let names = configuration.subcommands.map { $0._commandName }
      let sub = arguments.first.flatMap { names.contains($0) ? " \($0)" : nil } ?? ""
      FileHandle.standardError.write(Data("repro: \(first); see `repro\(sub) --help`\n".utf8))
      Foundation.exit(code.rawValue)
    }
  }
}
