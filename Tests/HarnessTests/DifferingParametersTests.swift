import Testing

@testable import Harness

/// `Baselines.differingParameters`, which decides whether a result and a baseline (or a result and the
/// configuration a run would use) are comparable, on cases computed by hand.
@Suite struct DifferingParametersTests {
  @Test func theSameValuesInAnotherKeyOrderDoNotDiffer() {
    #expect(Baselines.differingParameters(#"{"a":1,"b":[2,3]}"#, #"{"b":[2,3],"a":1}"#).isEmpty)
    #expect(Baselines.differingParameters("{}", "{}").isEmpty)
  }

  @Test func eachDifferingNameIsOneRowSortedByNameWithBothValues() {
    let rows = Baselines.differingParameters(#"{"b":2,"a":1,"r":0.5}"#, #"{"a":1,"b":3,"c":"x","r":0.25}"#)
    #expect(rows == [#"b (2 vs 3)"#, #"c (absent vs "x")"#, #"r (0.5 vs 0.25)"#])
  }

  @Test func aListDiffersFromItsOnlyElementAndFromAnotherOrder() {
    #expect(Baselines.differingParameters(#"{"d":[5]}"#, #"{"d":5}"#) == ["d ([5] vs 5)"])
    #expect(Baselines.differingParameters(#"{"d":[1,2]}"#, #"{"d":[2,1]}"#) == ["d ([1,2] vs [2,1])"])
  }

  @Test func textThatIsNotAJSONObjectDiffersFromEverythingQuotedOnce() {
    #expect(
      Baselines.differingParameters("oops", "{}") == [#"parameters (not a JSON object: "oops")"#])
    // Each unreadable side is its own row, even when both are the same text.
    #expect(Baselines.differingParameters("[1]", "[1]").count == 2)
    // Quoted up to 40 characters.
    let long = String(repeating: "x", count: 50)
    #expect(
      Baselines.differingParameters("{}", long) == [
        "parameters (not a JSON object: \"\(String(repeating: "x", count: 40))\")"
      ])
  }
}
