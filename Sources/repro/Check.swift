import ArgumentParser
import Experiments
import Foundation
import Harness

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Hold the paper's claims against the results: a table, exit 0 when all hold, 1 when any fails.",
    discussion: """
      A claim the module marks as known to fail (with its explanation) is shown failing and does not \
      change the exit status unless it starts to hold. Exit status 2 when results are missing or unreadable. \
      The verdicts are stored in the result file (group /claims).
      """)

  @Argument(help: "The experiment id (see `repro list`).")
  var id: String?

  @Flag(help: "Every experiment.")
  var all = false

  @OptionGroup var workspace: WorkspaceOptions

  func run() throws {
    try reporting {
      let experiments = try selection(id: id, all: all)
      var failed = 0
      var missing: [String] = []
      for e in experiments {
        let entries: [ClaimStore.Entry]
        do { entries = try workspace.workspace.check(e) } catch let error as ReproError where error.exitCode == 2 {
          missing.append(error.description)
          continue
        }
        printOut("\n\(e.id)  [\(e.paper)] \(e.reproduces)")
        printOut(
          Table.render(
            header: ["claim", "bound", "observed", ""],
            rows: entries.map { [$0.verdict.statement, $0.verdict.bound, $0.verdict.observed, $0.verdict.status] }))
        for entry in entries { if let why = entry.verdict.knownFailure { printOut("  known failure: \(why)") } }
        failed += entries.filter { !$0.verdict.asExpected }.count
      }
      for m in missing { FileHandle.standardError.write(Data("repro: \(m)\n".utf8)) }
      if !missing.isEmpty { throw ExitCode(2) }
      printOut(failed == 0 ? "\nevery claim as expected" : "\n\(failed) claim(s) not as expected")
      if failed > 0 { throw ExitCode(1) }
    }
  }
}

/// The experiments a command acts on: one id, or --all.
func selection(id: String?, all: Bool) throws -> [any Experiment.Type] {
  switch (id, all) {
  case (nil, true): return allExperiments
  case (let id?, false): return [try experiment(named: id)]
  case (_?, true): throw ReproError.badValue("give an experiment id or --all, not both")
  case (nil, false): throw ReproError.badValue("name an experiment (see `repro list`) or pass --all")
  }
}
