import Foundation

/// The σ pass of `AdversarialTrainer`'s forward pass over the n × m pre-activations, σ chosen once per call
/// (a `ScalarLanes` conformer: per element exactly `Activation.value` and `valueAndDerivative`, no switch in the
/// loop), in the reference order: per row f = Σ_r v_r·σ(p_r) one unit after another, the residual
/// ρ = scale·f − y, the loss ½ρ² summed over the rows in order; with `coefficients`, D_r = (scale·v_r·σ'(p_r))·ρ.
extension Activation {
  func adversarialRows(
    pre p: UnsafePointer<Double>, outer v: UnsafePointer<Double>, labels y: UnsafePointer<Double>,
    coefficients c: UnsafeMutablePointer<Double>?, rows n: Int, count m: Int, scale: Double
  ) -> Double {
    switch self {
    case .relu: return adversarialRowPass(ReluScalarLanes.self, p, v, y, c, n, m, scale)
    case .quadraticRelu: return adversarialRowPass(QuadraticReluScalarLanes.self, p, v, y, c, n, m, scale)
    case .tanh: return adversarialRowPass(TanhLanes.self, p, v, y, c, n, m, scale)
    case .softplus: return adversarialRowPass(SoftplusLanes.self, p, v, y, c, n, m, scale)
    }
  }
}

/// The ReLU through `Activation.value`/`valueAndDerivative` (½z² for the quadratic one, unlike `ReluLanes`
/// and `QuadraticReluLanes`, which carry a sum factor).
private enum ReluScalarLanes: ScalarLanes {
  @inline(__always) static var activation: Activation { .relu }
}

private enum QuadraticReluScalarLanes: ScalarLanes {
  @inline(__always) static var activation: Activation { .quadraticRelu }
}

@inline(__always)
private func adversarialRowPass<L: ScalarLanes>(
  _: L.Type, _ p: UnsafePointer<Double>, _ v: UnsafePointer<Double>, _ y: UnsafePointer<Double>,
  _ c: UnsafeMutablePointer<Double>?, _ n: Int, _ m: Int, _ scale: Double
) -> Double {
  var total = 0.0
  for i in 0..<n {
    let row = i * m
    var f = 0.0
    // σ two units at a time (`L`'s lanes: per lane the bits of the scalar σ), summed one unit after another.
    var r = 0
    if let c {
      while r + 2 <= m {
        let (s, ds) = L.valueAndSlope(SIMD2(p[row + r], p[row + r + 1]))
        f += v[r] * s[0]
        c[row + r] = scale * v[r] * ds[0]
        f += v[r + 1] * s[1]
        c[row + r + 1] = scale * v[r + 1] * ds[1]
        r += 2
      }
      if r < m {
        let (s, ds) = L.valueAndSlope(p[row + r])
        f += v[r] * s
        c[row + r] = scale * v[r] * ds
      }
    } else {
      while r + 2 <= m {
        let s = L.value(SIMD2(p[row + r], p[row + r + 1]))
        f += v[r] * s[0]
        f += v[r + 1] * s[1]
        r += 2
      }
      if r < m { f += v[r] * L.value(p[row + r]) }
    }
    let residual = scale * f - y[i]
    total += 0.5 * residual * residual
    if let c { for r in 0..<m { c[row + r] *= residual } }
  }
  return total
}
