import Testing

@testable import Harness

/// `BisectSearch`, the candidate selection of `repro bisect`, on synthetic histories: fingerprints per commit
/// (index 0 good, the last bad) and the outcome each fingerprint would give, with a known answer.
@Suite struct BisectSearchTests {
  /// Runs the search to its end; `outcome` answers for a tested commit. Returns the conclusion and the tested
  /// indices in order.
  static func bisect(_ fingerprints: [String], _ outcome: (Int) -> BisectOutcome) -> (
    BisectSearch.Conclusion, [Int]
  ) {
    var search = BisectSearch(fingerprints: fingerprints)
    var tested: [Int] = []
    for _ in 0..<(2 * fingerprints.count + 2) {
      switch search.next() {
      case .test(let k):
        #expect(!tested.contains(k), "commit \(k) tested twice")
        #expect(search.known(k) == nil, "commit \(k)'s fingerprint was already tested")
        tested.append(k)
        search.record(k, outcome(k))
      case .done(let c): return (c, tested)
      }
    }
    Issue.record("the search did not end")
    return (.nothingMoved, tested)
  }

  @Test func onlyCommitsThatChangeTheFingerprintAreCandidates() {
    let s = BisectSearch(fingerprints: ["a", "a", "b", "b", "c", "a", "a"])
    #expect(s.changes == [2, 4, 5])
  }

  @Test func findsTheFirstMovedCommitAtEveryPositionInLogarithmicallyManyTests() {
    // 64 commits after good, every one a change: each position of the first move is found in ≤ 7 tests.
    let fingerprints = (0...64).map { "f\($0)" }
    for first in 1...64 {
      let (c, tested) = Self.bisect(fingerprints) { $0 >= first ? .moved : .same }
      #expect(c == .firstMoved(first))
      #expect(tested.count <= 7, "first moved \(first): \(tested.count) tests")
    }
  }

  @Test func commitsWithAnUnchangedFingerprintAreNeverTested() {
    // good a; 1 README (a); 2 the planted change (b); 3 another paper's module (b): only commit 2 is tested,
    // and as the bad commit's group starts there, it is the bad commit's test too.
    let (c, tested) = Self.bisect(["a", "a", "b", "b"]) { $0 >= 2 ? .moved : .same }
    #expect(c == .firstMoved(2))
    #expect(tested == [2])
  }

  @Test func aFingerprintSeenBeforeIsNotTestedAgain() {
    // Commit 3 reverts to the good sources (fingerprint a), so its result is known without a test.
    let fps = ["a", "b", "c", "a", "d", "e"]
    let (c, tested) = Self.bisect(fps) { $0 >= 4 ? .moved : .same }
    #expect(c == .firstMoved(4))
    #expect(!tested.contains(3))
  }

  @Test func badWithTheGoodFingerprintOrResultMeansNothingMoved() {
    let (c1, t1) = Self.bisect(["a", "b", "a"]) { _ in .moved }
    #expect(c1 == .nothingMoved)
    #expect(t1.isEmpty)
    let (c2, t2) = Self.bisect(["a", "b", "c"]) { _ in .same }
    #expect(c2 == .nothingMoved)
    #expect(t2 == [2])
  }

  @Test func aSkippedCandidateIsLeftOutAndNamedWhenItMayBeTheAnswer() {
    let fps = (0...8).map { "f\($0)" }
    // The first move is at 5; 3 fails to build: still found.
    let (c1, _) = Self.bisect(fps) { $0 == 3 ? .skip : ($0 >= 5 ? .moved : .same) }
    #expect(c1 == .firstMoved(5))
    // The first move is at 5 and 4 fails to build: it may be 4 or 5.
    let (c2, _) = Self.bisect(fps) { $0 == 4 ? .skip : ($0 >= 5 ? .moved : .same) }
    #expect(c2 == .undecided([4, 5]))
    // The bad commit itself fails to build.
    let (c3, t3) = Self.bisect(fps) { $0 == 8 ? .skip : .moved }
    #expect(c3 == .badUntestable)
    #expect(t3 == [8])
  }

  @Test func theBadCommitsGroupStartIsTestedForIt() {
    // Bad (4) shares its fingerprint with 2 and 3: the test runs at 2, the first commit with those sources.
    var s = BisectSearch(fingerprints: ["a", "b", "c", "c", "c"])
    #expect(s.next() == .test(2))
    s.record(2, .moved)
    #expect(s.next() == .test(1))
    s.record(1, .same)
    #expect(s.next() == .done(.firstMoved(2)))
  }
}
