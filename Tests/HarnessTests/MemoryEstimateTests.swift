import Experiments
import Foundation
import Testing

@testable import Harness

/// Issue 21, item 13: every module states the memory of its points, and the budget refuses what does not fit.
@Suite struct MemoryEstimateTests {
  @Test func everyModuleDeclaresItsMemory() throws {
    for e in allExperiments {
      for preset in Preset.allCases {
        let c = try Configuration(experiment: e, preset: preset)
        for point in c.points {
          let declared = e.memory(point)
          let m = try #require(declared, "\(e.id) declares no memory estimate: implement memory(_:)")
          #expect(m.bytes > MemoryBudget.processBytes && !m.what.isEmpty && !m.lower.isEmpty, "\(e.id)")
          #expect(m.lower.allSatisfy { name in e.parameters.contains { $0.name == name } }, "\(e.id): \(m.lower)")
        }
        // The committed presets run on this machine, two points at a time.
        #expect(throws: Never.self) { try MemoryBudget.check(e, c.points, jobs: 2, machine: 8 << 30) }
      }
    }
  }

  @Test func theBudgetRefusesWithTheNumbersAndTheFix() throws {
    let e = allExperiments.first { $0.id == "vardi2022-flip-vs-dim" }!
    let big = try Configuration(experiment: e, preset: .quick, overrides: ["d=100000", "n=100", "m=10000"])
    let declared = e.memory(big.points[0])
    let each = try #require(declared).bytes
    do {
      try MemoryBudget.check(e, big.points, jobs: 1, machine: each / 2)
      Issue.record("a point twice the machine's memory passed")
    } catch {
      #expect(error.description.contains("per point") && error.description.contains("lower d, n or m"))
      #expect(!error.description.contains("\n"))
    }
    // One fits, two at once do not: fewer jobs.
    do {
      try MemoryBudget.check(e, big.points, jobs: 2, machine: each + each / 2)
      Issue.record("two points at once passed in the memory of one and a half")
    } catch {
      #expect(error.description.contains("--jobs 1"), "\(error.description)")
    }
    try MemoryBudget.check(e, big.points, jobs: 1, machine: each + each / 2)
    #expect(MemoryBudget.format(74 << 30) == "74 GiB" && MemoryBudget.format(3 << 19) == "1.5 MiB")
  }
}
