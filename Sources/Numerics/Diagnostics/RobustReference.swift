/// The robust network of Vardi et al. (2022): R(x) = Σ_i y_i relu(⟨x_i, x⟩ − ‖x_i‖²/2),
/// one hidden unit per training point, with a bias. It shows that robust
/// networks exist on the same data the trained network is flipped on.
extension TrainingSet {
  /// R as a two-layer network: W = X, b_i = −‖x_i‖²/2, v = y.
  public var robustReference: TwoLayerNetwork {
    let bias = (0..<count).map { i -> Double in
      let x = self.x.row(i)
      return -0.5 * dot(x, x)
    }
    return TwoLayerNetwork(weights: x, bias: bias, outer: y, activation: .relu, trainsOuter: false)
  }

  /// The radius within which R is guaranteed to classify training point i correctly, for any norms:
  /// min(‖x_i‖/2, min_{l≠i} (‖x_l‖²/2 − |⟨x_l, x_i⟩|)/‖x_l‖). Inside it every other unit stays inactive
  /// (⟨x_l, x_i + δ⟩ − ‖x_l‖²/2 ≤ |⟨x_l, x_i⟩| + ‖x_l‖‖δ‖ − ‖x_l‖²/2 ≤ 0) and unit i stays positive
  /// (‖x_i‖²/2 + ⟨x_i, δ⟩ > 0), so y_i R(x_i + δ) > 0. With equal norms (the sphere of radius √d) this
  /// is (d/2 − max_{l≠i} |⟨x_l, x_i⟩|)/√d; negative when the data are too correlated to certify.
  public var robustReferenceRadii: [Double] {
    let g = gram
    return (0..<count).map { i in
      var radius = 0.5 * g[i, i].squareRoot()
      for l in 0..<count where l != i {
        radius = min(radius, (0.5 * g[l, l] - abs(g[i, l])) / g[l, l].squareRoot())
      }
      return radius
    }
  }
}
