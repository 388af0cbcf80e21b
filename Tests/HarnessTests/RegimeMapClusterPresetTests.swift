import Figures
import Foundation
import Numerics
import Testing

@testable import Harness

/// Issue 26: the optional `cluster` preset: each parameter's `cluster:` values, the paper's by default; no baselines.
@Suite struct RegimeMapClusterPresetTests {
  enum Map: Experiment {
    static let id = "toy2000-regime-cluster"
    static let paper = "toy2000"
    static let reproduces = "nothing (a harness test)"
    static let summary = "A map-shaped sweep."
    static let parameters: [Parameter] = [
      .int("n", "rows", paper: [5, 20], quick: [5], cluster: [5, 10, 20, 40], in: 1...100),
      .real("d", "columns", paper: [50, 800], quick: [50], cluster: [50, 200, 800], in: 1...10000),
      .real("scale", "fixed, no cluster value", paper: 1, quick: 0.5, in: 0...10),
      .seeds(paper: 3, quick: 1, cluster: 8),
    ]
    static func run(_ p: Point, rng: inout RandomSource) throws -> Record { Record() }
    static let claims: [Claim] = []
    static func figures(_ results: Results) throws -> [Figure] { [] }
  }

  @Test func theClusterPresetTakesTheClusterValuesElseThePapers() throws {
    let c = try Configuration(experiment: Map.self, preset: .cluster)
    #expect(c.values.map(\.values.count) == [4, 3, 1, 1])
    #expect(c.values[2].values == [.real(1)])  // the paper's value: no cluster value declared
    #expect(c.seedCount == 8 && c.points.count == 4 * 3 * 8)
    #expect(try Configuration(experiment: Map.self, preset: .paper).points.count == 2 * 2 * 3)
    // `--set` applies over it as over any preset.
    #expect(try Configuration(experiment: Map.self, preset: .cluster, overrides: ["n=7"]).points.count == 3 * 8)
    // A module that declares no cluster values runs its paper sweep at the cluster preset.
    let toy = try Configuration(experiment: ToyExperiment.self, preset: .cluster)
    let paper = try Configuration(experiment: ToyExperiment.self, preset: .paper)
    #expect(toy.values.map(\.values) == paper.values.map(\.values))
  }

  @Test func theClusterPresetHasNoBaselinesAndSaysSoInOneLine() throws {
    #expect(Preset.allCases == [.paper, .quick, .cluster] && Preset.withBaselines == [.paper, .quick])
    #expect(!Preset.cluster.hasBaselines && Preset.paper.hasBaselines)
    let workspace = Workspace(results: "/nonexistent")
    for attempt in [
      { _ = try workspace.bless(Map.self, preset: .cluster, force: false) },
      { _ = try workspace.diff(Map.self, preset: .cluster) },
    ] {
      do {
        try attempt()
        Issue.record("a cluster-preset baseline was accepted")
      } catch let e as ReproError {
        #expect(e.description.contains("the cluster preset has no baselines") && !e.description.contains("\n"))
        #expect(e.exitCode == 64)
      }
    }
    #expect(Workspace.defaultResults(.cluster) == "results/cluster")
  }
}
