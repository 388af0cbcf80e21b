import Figures
import HDF5
import Harness
import Numerics

/// A tiny experiment for harness tests: seconds of nothing, but every kind of parameter and output.
enum ToyExperiment: Experiment {
  static let id = "toy2000-noise"
  static let paper = "toy2000"
  static let reproduces = "nothing (a harness test)"
  static let summary = "Draws Gaussian noise, so the harness has something to store."
  static let parameters: [Parameter] = [
    .int("d", "dimension (swept)", paper: [3, 5], quick: [2], in: 1...1000),
    .real("scale", "standard deviation", paper: 1, quick: 0.5, in: 0...10),
    .real("rates", "a real-valued sweep", paper: [0.5, 1.5], quick: [1], in: 0.1...2),
    .choice("loss", "a choice", paper: Loss.logistic, quick: .exponential),
    .seeds(paper: 3, quick: 1),
  ]

  // No `pairedAcross`: every point draws from a stream of its own, the `rng` the runner hands `run`.
  static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let x = rng.normals(p.int("d"), sd: p.real("scale") * p.real("rates"))
    var r = Record()
    r.set("noise", x, "d Gaussian draws with the point's scale", units: "ε")
    r.set("square", NDArray(shape: [2, 2], values: [1, 2, 3, Double(p.int("d"))]), "a 2×2 matrix ending in d")
    r.set("norm", norm(x), "‖noise‖₂", units: "ε")
    r.setCount("loss_is_logistic", p.choice("loss", as: Loss.self) == .logistic ? 1 : 0, "1 if the loss is logistic")
    r.note("kind", "gaussian")
    return r
  }

  static let claims: [Claim] = [
    .slope(
      "‖x‖ grows like √d", reason: "E‖x‖² = d·scale²", of: { $0.scalar("norm") }, against: "d", within: 0.2...0.8)
  ]

  static func figures(_ results: Results) throws -> [Figure] {
    let x = results.points.map { $0.real("d") }
    let y = results.points.map { $0.scalar("norm") }
    return [
      Figure(
        name: "norm", title: "norm", xLabel: "d", yLabel: "‖x‖",
        series: [Series(label: "norm", x: x, y: y, style: .points)],
        caption: "The norm grows with d.")
    ]
  }
}
