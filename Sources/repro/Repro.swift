import ArgumentParser
import Experiments
import Foundation
import Harness

@main
struct Repro: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repro",
    abstract: "Reproduce the theorems of four papers on adversarial (non-)robustness of two-layer networks.",
    discussion: "Results go to results/<id>.h5 (HDF5), figures to figures/<id>/. `make all` runs everything.",
    subcommands: [
      List.self, Run.self, Submit.self, Merge.self, Plot.self, Check.self, Diff.self, Bless.self, Sensitivity.self,
      Status.self,
      All.self, CleanStore.self,
    ])
}
