import Harness

/// The robust network R measured as the object (`network=robust`), as a wrong-regime control of `width` and
/// `robust-exists` (issue 24 leftovers): R(x) = Σ_i y_i relu(⟨x_i, x⟩ − ‖x_i‖²/2) has a bias and is not a KKT point
/// of the bias-free max-margin problem; the paper builds it to be robust, so the claims that the measured network
/// is flipped at ~√(d/n) must fail on it, by far (its radius along −y·u is ≈ ‖x‖·√n/2, n/2 times √(d/n)).
///
/// R depends on the data only, not on the training: the control's run stops training after 2 steps
/// (`max_steps=2`) to cost little; the claims it judges read R's radii, which do not depend on it.
extension Vardi2022 {
  /// The overrides of the control that measures R: R in place of the trained network, training cut short.
  static let robustObjectSettings = ["network=robust", "max_steps=2"]

  /// What the control is, for its descriptions.
  static let robustObject =
    "the robust network R measured instead (a bias per unit: not a KKT point of the bias-free max-margin problem; training cut to 2 steps, which R does not depend on): "

  /// Why vardi2022-width's flatness in m is a consistency check, not a prediction, with what was measured.
  static let widthFlatnessIsNotSpecific =
    "flatness in m is implied by the theorem but not specific to KKT points: at the paper preset every network tried is flat too, the squared loss (per-seed slopes −0.002 to 0.004), d = 16 ≪ n² (−0.025 to −0.003), the large initialisation stopped at fit (init_scale 1: −0.075 ± 0.30; init_scale 10: medians 0.9–1.7·√(d/n) in no order of m) and R (one network for every m: slope 0); only init_scale 3 stopped at fit leaves the band (−0.146 ± 0.052 over 8 seeds, −0.7σ, with 6 of its 56 runs at m ≤ 20 never fitting, and no such trend at init_scale 1 or 10). The claim that discriminates is the order √(d/n) at every width"

  /// Why vardi2022-flip-vs-dim's slope ½ in d is a consistency check, not a prediction, with what was measured.
  static let slopeInDIsNotSpecific =
    "N is 1-homogeneous and ‖x‖ = √d, so on nearly orthogonal data any network's radius in input units is √d times a function of the normalised data: the slope ½ holds on networks the theorem does not cover. Measured at the paper preset (slope in d at n = 10, 20, 40, 95% CI over 5 seeds): R measured as the object (network=robust) 0.534 ± 0.012, 0.553 ± 0.008, 0.58 ± 0.018, all inside [0.4, 0.6]; the large initialisation stopped at fit (init_scale=1, target_margin=1e-300) 0.474 ± 0.195, 0.501 ± 0.055, 0.563 ± 0.064, every value inside the band. Only the premise moves it (d ≤ 2.5n at n = 40: 0.24, the control kept below); the claim that discriminates is the constant near 1"
}
