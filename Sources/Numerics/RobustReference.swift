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

  /// The radius within which R is guaranteed to classify training point i correctly:
  /// (‖x_i‖²/2 − max_{l≠i} |⟨x_l, x_i⟩|) / ‖x_i‖. Inside it every other unit stays inactive
  /// (⟨x_l, x_i + δ⟩ − ‖x_l‖²/2 ≤ 0, for ‖x_l‖ = ‖x_i‖) and unit i stays positive, so y_i R > 0.
  /// On the sphere of radius √d this is (d/2 − max_{l≠i} |⟨x_l, x_i⟩|)/√d.
  public var robustReferenceRadii: [Double] {
    let g = gram
    return (0..<count).map { i in
      var worst = 0.0
      for l in 0..<count where l != i { worst = max(worst, abs(g[i, l])) }
      return (0.5 * g[i, i] - worst) / g[i, i].squareRoot()
    }
  }
}
