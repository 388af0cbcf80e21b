import Deng2020Experiments
import Frei2023Experiments
import Gao2019Experiments
import Harness
import Vardi2022Experiments

/// Every experiment module, in the order `repro list` shows them.
public let allExperiments: [any Experiment.Type] = [
  Vardi2022FlipVsDim.self,
  Vardi2022FlipVsSamples.self,
  Vardi2022KKT.self,
  Vardi2022RobustExists.self,
  Vardi2022Width.self,
  Vardi2022RegimeOrthogonality.self,
  Deng2020PGAConvergence.self,
  Deng2020PGAIterations.self,
  Deng2020Landscape.self,
  Deng2020AdvTraining.self,
  Deng2020RegimeScale.self,
  Frei2023Generalization.self,
  Frei2023BenignOverfitting.self,
  Frei2023RobustAccuracy.self,
  Frei2023RadiusVsClusters.self,
  Frei2023CollapseSettings.self,
  Frei2023RegimeCorrelation.self,
  Gao2019Convergence.self,
  Gao2019ConvergenceRates.self,
  Gao2019ConvergenceSphere.self,
  Gao2019WidthNeeded.self,
  Gao2019Lazy.self,
  Gao2019AttackStrength.self,
  Gao2019Capacity.self,
  Gao2019RegimeWidth.self,
]

/// The module with this id, or a one-line error naming the closest ids.
public func experiment(named id: String) throws -> any Experiment.Type {
  if let e = allExperiments.first(where: { $0.id == id }) { return e }
  let ids = allExperiments.map { $0.id }
  throw ReproError.badValue("unknown experiment '\(id)'\(suggestion(for: id, among: ids)); `repro list` shows them all")
}
