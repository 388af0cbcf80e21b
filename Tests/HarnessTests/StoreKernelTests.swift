import Foundation
import HDF5
import Testing

@testable import Harness

/// Issue 21, item 3: what changes the numbers keys the point store, and a result names the BLAS kernels that
/// really computed its points, also those reused from the store.
@Suite struct StoreKernelTests {
  @Test func theNumericEnvironmentIsPartOfTheKey() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let digest = String(repeating: "cd", count: 32)
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,4", "seeds=1"])
    let perturbed = PointStore(
      results: dir, experiment: ToyExperiment.id, digest: digest,
      environment: NumericEnvironment(perturbsInputs: true, forcedCore: nil))
    let forced = PointStore(
      results: dir, experiment: ToyExperiment.id, digest: digest,
      environment: NumericEnvironment(perturbsInputs: false, forcedCore: "Haswell"))
    let ordinary = PointStore(results: dir, experiment: ToyExperiment.id, digest: digest, environment: .ordinary)
    #expect(Set([perturbed.directory, forced.directory, ordinary.directory]).count == 3)
    #expect(perturbed.code.hasSuffix(".perturbed-inputs") && forced.code.hasSuffix(".core-Haswell"))
    _ = try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c, store: perturbed)
    #expect(try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c, store: ordinary).reused == 0)
    #expect(try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c, store: forced).reused == 0)
    #expect(try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c, store: perturbed).reused == 2)
    // clean-store keeps every environment's points of the current sources.
    #expect(try PointStore.clean(results: dir, experiments: [ToyExperiment.id: digest], all: false) == [])
  }

  @Test func aResultNamesTheKernelsOfItsReusedPoints() throws {
    #expect(Platform.kernels(this: "Zen", computed: 4, reused: [:]) == "Zen")
    #expect(Platform.kernels(this: "Zen", computed: 1, reused: ["Zen": 3]) == "Zen")
    #expect(
      Platform.kernels(this: "Zen", computed: 1, reused: ["Haswell": 2, "Zen": 1])
        == "Haswell (2 points, reused from the store); Zen (2 points, 1 reused from the store)")
    #expect(
      Platform.kernels(this: "Zen", computed: 0, reused: ["Haswell": 3]) == "Haswell (3 points, reused from the store)")

    // Through a run: one stored point made by other kernels (as on another node of a cluster).
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let ws = Workspace(results: dir, figures: dir + "/figures")
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,4", "seeds=1"])
    let path = try ws.run(ToyExperiment.self, c, runner: Runner(jobs: 1, quiet: true))
    #expect(try Results.read(path).string("platform_blas_core") == Platform.current.blasCore)
    let store = try #require(ws.store(ToyExperiment.self, Provenance.current(for: ToyExperiment.self)))
    let file = try H5File.update(atomicallyAt: store.path(c.points[0]))
    try file.root.setAttribute("blas_core", .string("Elsewhere"))
    try file.commit()
    try ws.run(ToyExperiment.self, c, runner: Runner(jobs: 1, quiet: true))
    #expect(
      try Results.read(path).string("platform_blas_core")
        == "Elsewhere (1 point, reused from the store); \(Platform.current.blasCore) (1 point, reused from the store)")
  }
}
