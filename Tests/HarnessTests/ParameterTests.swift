import Testing

@testable import Harness

@Suite struct ParameterTests {
  @Test func presetsResolveAndExpandToTheProductWithSeedsInnermost() throws {
    let c = try Configuration(experiment: ToyExperiment.self, preset: .paper)
    let points = c.points
    #expect(points.count == 2 * 2 * 3)
    #expect(points[0].int("d") == 3 && points[0].real("rates") == 0.5 && points[0].seed == 0)
    #expect(points[1].seed == 1)
    #expect(points[3].real("rates") == 1.5)
    #expect(points.last!.int("d") == 5 && points.last!.seed == 2)
    #expect(c.sweptNames == ["d", "rates", "seed"])
    #expect(c.json == #"{"d":[3,5],"scale":[1],"rates":[0.5,1.5],"loss":["logistic"],"seeds":[3]}"#)
  }

  @Test func overridesReplacePresetValues() throws {
    let c = try Configuration(
      experiment: ToyExperiment.self, preset: .quick, overrides: ["d=4,8,16", "scale=2.5", "loss=squared", "seeds=2"])
    #expect(c.points.count == 6)
    #expect(c.points.map { $0.int("d") } == [4, 4, 8, 8, 16, 16])
    #expect(c.points[0].real("scale") == 2.5)
    #expect(c.points[0].text("loss") == "squared")
    #expect(c.overridden == ["d", "scale", "loss", "seeds"])
  }

  @Test func integersWrittenAsWholeRealsAreAccepted() throws {
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=1e2"])
    #expect(c.points[0].int("d") == 100)
  }

  /// Each bad input gives one line that names the parameter and what is wrong.
  @Test(arguments: [
    ("dd=3", "no parameter 'dd'", "did you mean 'd'"),
    ("sacle=1", "no parameter 'sacle'", "'scale'"),
    ("d=three", "parameter 'd' takes an integer", "three"),
    ("d=2.5", "parameter 'd' takes an integer", "2.5"),
    ("d=0", "out of range", "1...1000"),
    ("scale=11", "out of range", "0...10"),
    ("scale=nan", "takes a number", "nan"),
    ("scale=1,2", "takes one value, not a list", "scale"),
    ("loss=expo", "must be one of", "did you mean 'exponential'"),
    ("d=", "needs a value", "--set d=VALUE"),
    ("d=3,,4", "needs a value", "d"),
    ("d=3,3", "lists a value twice", "3,3"),
    ("noequals", "is not name=value", "--set"),
  ])
  func badOverridesAreOneLineErrors(override: String, problem: String, detail: String) {
    do {
      _ = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: [override])
      Issue.record("--set \(override) was accepted")
    } catch {
      #expect(error.description.contains(problem), "\(error.description)")
      #expect(error.description.contains(detail), "\(error.description)")
      #expect(!error.description.contains("\n"))
      #expect(error.exitCode == 64)
    }
  }

  @Test func streamKeysDependOnEveryParameterButNotOnTheSeedCount() throws {
    let three = try Configuration(experiment: ToyExperiment.self, preset: .paper).points
    let five = try Configuration(experiment: ToyExperiment.self, preset: .paper, overrides: ["seeds=5"]).points
    #expect(three[0].streamKey(experiment: ToyExperiment.id) == five[0].streamKey(experiment: ToyExperiment.id))
    let keys = Set(three.map { $0.streamKey(experiment: ToyExperiment.id) })
    #expect(keys.count == three.count)
    #expect(
      three[0].streamKey(experiment: ToyExperiment.id) == "toy2000-noise|d=3|loss=logistic|rates=0.5|scale=1|seed=0")
  }

  @Test func suggestionsNameTheClosestValidNames() {
    #expect(
      suggestion(for: "vardi2022-flip-vs-d", among: ["vardi2022-flip-vs-dim", "deng2020-landscape"]).contains(
        "vardi2022-flip-vs-dim"))
    #expect(suggestion(for: "zzz", among: ["alpha", "beta"]) == "")
    #expect(editDistance("kitten", "sitting") == 3)
  }
}
