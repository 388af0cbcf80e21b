import Foundation
import Harness

extension Bisect {
  /// Prints the conclusion (the first moved commit and its `repro diff` rows against good) and returns the exit
  /// status.
  func conclude(
    _ conclusion: BisectSearch.Conclusion, commits: [Git.Commit], prints: [SourceFingerprint], tested: [Int],
    search: BisectSearch,
    reports: [String: BisectTester.Comparison], tester: BisectTester
  ) -> Int32 {
    let notBuilt = commits.indices.dropFirst().filter { !tested.contains($0) }
    let skipped = tested.filter { search.known($0) == .skip }
    printOut(
      "\n\(commits.count - 1) commits: \(tested.count) tested\(tested.isEmpty ? "" : " (" + tested.map { commits[$0].short }.joined(separator: ", ") + ")"), \(notBuilt.count) never built (fingerprint unchanged, already tested, or not needed by the search\(notBuilt.isEmpty ? "" : ": " + notBuilt.map { commits[$0].short }.joined(separator: ", "))), \(skipped.count) skipped (failed to build or run\(skipped.isEmpty ? "" : ": " + skipped.map { commits[$0].short }.joined(separator: ", ")))"
    )
    switch conclusion {
    case .nothingMoved:
      let same = prints.last!.digest == prints[0].digest
      printOut(
        same
          ? "nothing moved: \(commits.last!.short) has the good commit's fingerprint for \(id), so the same result"
          : "nothing moved: \(commits.last!.short)'s result for \(id) is within tolerance of \(commits[0].short)'s")
      return Self.nothingMoved
    case .badUntestable:
      printOut("undecided: the bad commit \(commits.last!.short) could not be built or run (see above)")
      return Self.undecided
    case .undecided(let candidates):
      printOut("undecided: the first commit that moved is one of (skipped ones could not be built or run):")
      for k in candidates { describe(commits[k]) }
      return Self.undecided
    case .firstMoved(let k):
      printOut("\nfirst commit that moved \(id) at the \(preset.rawValue) preset:")
      describe(commits[k])
      if k + 1 < commits.count, prints[k + 1].digest == prints[k].digest {
        printOut("  (the commits after it up to the next change of the fingerprint give the same result)")
      }
      printOut("  sources changed: \(prints[k].changes(since: prints[k - 1].files).joined(separator: ", "))")
      guard let comparison = reports[prints[k].digest] else { return 0 }
      if let refusal = comparison.refusal {
        printOut("  \(refusal)")
      } else if let report = comparison.report {
        printOut("  against \(commits[0].short) (tolerances: \(tester.sensitivity.description)):")
        printOut(Self.table(report.differing).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
        printOut("  \(report.differing.count) of \(report.rows.count) rows beyond tolerance")
      }
      return 0
    }
  }

  private func describe(_ c: Git.Commit) {
    printOut("  commit \(c.hash)\n  \(c.subject)\n  author \(c.author)\n  date   \(c.date)")
  }

  /// The rows of `repro diff` that differ.
  static func table(_ rows: [any DiffRow]) -> String {
    Table.render(
      header: ["dataset", "level", "shape", "max abs diff", "max rel diff", "tolerance", "from", "verdict"],
      rows: rows.map {
        [
          $0.name, $0.level, $0.shape, formatNumber($0.maxAbsolute), formatNumber($0.maxRelative),
          $0.tolerance.description, $0.basis, "DIFFERS" + ($0.note.isEmpty ? "" : ": \($0.note)"),
        ]
      })
  }
}
