/// What a tested commit's result is, against the good commit's: within the measured tolerances, beyond them,
/// or unknown because the commit could not be built or run (as `git bisect skip`).
public enum BisectOutcome: String, Sendable, Equatable {
  case same, moved, skip
}

/// The binary search of `repro bisect`, without git or builds: over the commits from good (index 0) to bad (the
/// last index), each with the fingerprint of the experiment's sources at that commit.
///
/// Commits with equal fingerprints have equal results, so a result can move only at a commit whose fingerprint
/// differs from its parent's (`changes`), and an outcome is recorded per fingerprint: a commit whose fingerprint
/// was already tested (or is the good commit's) is never built. The search keeps `low` (a commit known to give
/// the good result) and `high` (one known to move) and tests the middle untested change between them; a commit
/// that cannot be tested is left out of the choice, and when only such commits remain between `low` and `high`,
/// the first moved commit is one of them or `high` (`.undecided`).
public struct BisectSearch: Sendable {
  public let fingerprints: [String]
  public private(set) var outcomes: [String: BisectOutcome]
  /// The last commit known to give the good result, and the first known to move.
  public private(set) var low = 0
  public private(set) var high: Int

  public enum Conclusion: Sendable, Equatable {
    /// The commit at this index is the first whose result moved.
    case firstMoved(Int)
    /// The bad commit gives the good result (or has the good commit's fingerprint).
    case nothingMoved
    /// The bad commit could not be built or run.
    case badUntestable
    /// The first moved commit is one of these (untestable ones, then the first commit known to move).
    case undecided([Int])
  }

  public enum Step: Sendable, Equatable {
    case test(Int)
    case done(Conclusion)
  }

  /// `fingerprints[0]` is the good commit's, the last the bad commit's; at least two.
  public init(fingerprints: [String]) {
    precondition(fingerprints.count >= 2, "a bisect needs a good and a bad commit")
    self.fingerprints = fingerprints
    self.outcomes = [fingerprints[0]: .same]
    self.high = fingerprints.count - 1
  }

  /// Indices of the commits whose fingerprint differs from their parent's: the only ones that can move a result.
  public var changes: [Int] { (1..<fingerprints.count).filter { fingerprints[$0] != fingerprints[$0 - 1] } }

  /// The outcome already known for commit `i`'s fingerprint.
  public func known(_ i: Int) -> BisectOutcome? { outcomes[fingerprints[i]] }

  /// Records the outcome of testing commit `i` (for every commit with its fingerprint).
  public mutating func record(_ i: Int, _ outcome: BisectOutcome) {
    outcomes[fingerprints[i]] = outcome
  }

  /// The first commit of the run of equal fingerprints that ends at `i`.
  func groupStart(_ i: Int) -> Int {
    var j = i
    while j > 0 && fingerprints[j - 1] == fingerprints[j] { j -= 1 }
    return j
  }

  /// The next commit to test, or the conclusion.
  public mutating func next() -> Step {
    let bad = fingerprints.count - 1
    switch known(bad) {
    case nil: return .test(groupStart(bad))
    case .same?: return .done(.nothingMoved)
    case .skip?: return .done(.badUntestable)
    case .moved?: break
    }
    high = min(high, groupStart(bad))
    // Apply what is known between low and high, in order: a known move ends the range.
    for i in changes where low < i && i < high {
      switch known(i) {
      case .same?: low = i
      case .moved?: high = i
      default: continue
      }
      if high == i { break }
    }
    let between = changes.filter { low < $0 && $0 < high }
    let untested = between.filter { known($0) == nil }
    if untested.isEmpty {
      let skipped = between.filter { known($0) == .skip }
      return .done(skipped.isEmpty ? .firstMoved(high) : .undecided(skipped + [high]))
    }
    return .test(untested[untested.count / 2])
  }
}
