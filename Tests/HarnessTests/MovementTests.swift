import Testing

@testable import Harness

/// `Movement`, the largest move between two lists of numbers that `repro sensitivity` stores and `repro diff`
/// scales into tolerances, on cases computed by hand.
@Suite struct MovementTests {
  @Test func equalListsDoNotMove() {
    #expect(Movement([1, -2, 0], from: [1, -2, 0]) == .none)
    #expect(Movement([], from: []) == .none)
  }

  @Test func theLargestAbsoluteAndRelativeMovesAreTakenElementByElement() {
    // |1.5 − 1| = 0.5, relative to the larger 1.5: 1/3; |4 − 5| = 1, relative to 5: 0.2.
    let m = Movement([1.5, 4], from: [1, 5])
    #expect(m.absolute == 1)
    #expect(m.relative == 0.5 / 1.5)
    // Symmetric: the scale is the larger magnitude of the two.
    #expect(Movement([1, 5], from: [1.5, 4]) == m)
    // 0 against 0 moves by 0, not NaN; 0 against −2 is a full relative move.
    #expect(Movement([0, 0], from: [0, -2]) == Movement(absolute: 2, relative: 1))
  }

  @Test func nanMustMeetNanAndInfinitiesMustBeEqual() {
    #expect(Movement([.nan, .infinity, 1], from: [.nan, .infinity, 1]) == .none)
    #expect(Movement([.nan], from: [1]) == .unbounded)
    #expect(Movement([1], from: [.nan]) == .unbounded)
    #expect(Movement([.infinity], from: [-.infinity]) == .unbounded)
    #expect(Movement([.infinity], from: [1e300]) == .unbounded)
  }

  @Test func anotherLengthIsAnUnboundedMove() {
    #expect(Movement([1, 2], from: [1]) == .unbounded)
  }

  @Test func theUnionIsTheLargerMoveOfEachKind() {
    let a = Movement(absolute: 3, relative: 0.1)
    let b = Movement(absolute: 1, relative: 0.5)
    #expect(a.union(b) == Movement(absolute: 3, relative: 0.5))
    #expect(a.union(.none) == a)
  }
}
