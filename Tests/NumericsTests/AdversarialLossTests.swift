import Foundation
import Testing

@testable import Numerics

/// The adversarial loss ℓ(δ) = ½(f(x + δ) − y)² and the network f(x) = (1/√m)Σ a_r σ(w_r·x):
/// gradients and Hessians against central finite differences.
@Suite struct AdversarialLossTests {
  static func close(_ a: Double, _ b: Double, _ tol: Double) -> Bool { abs(a - b) <= tol * max(1, abs(a), abs(b)) }

  static let smooth: [Activation] = [.tanh, .softplus]

  @Test func fixedSignNetworkHasTheStatedForm() {
    var rng = RandomSource(seed: 1)
    let net = TwoLayerNetwork.fixedSigns(inputs: 7, width: 16, activation: .tanh, using: &rng)
    #expect(net.outer.allSatisfy { $0 == 1 || $0 == -1 })
    #expect(net.outputScale == 0.25 && !net.trainsOuter && net.bias == nil)
    #expect(net.weights.rows == 16 && net.weights.cols == 7)
    // w_r ~ N(0, I_d): the mean square entry is near 1.
    #expect(abs(net.weights.squaredNorm / Double(16 * 7) - 1) < 0.35)
    let x = rng.normals(7)
    var direct = 0.0
    for r in 0..<16 { direct += net.outer[r] * tanh(dot(net.weights.row(r), x)) }
    #expect(Self.close(net(x), direct / 4, 1e-12))
  }

  @Test(arguments: smooth)
  func networkInputGradientAndHessianMatchFiniteDifferences(activation: Activation) {
    var rng = RandomSource(seed: 2)
    let net = TwoLayerNetwork.fixedSigns(inputs: 6, width: 12, activation: activation, using: &rng)
    let x = rng.onSphere(dimension: 6, radius: 1.3)
    let g = net.inputGradient(x)
    let h = net.inputHessian(x)
    let step = 1e-5
    for k in 0..<6 {
      var p = x
      var q = x
      p[k] += step
      q[k] -= step
      #expect(Self.close(g[k], (net(p) - net(q)) / (2 * step), 1e-7), "∂f/∂x[\(k)] \(activation)")
      let gp = net.inputGradient(p)
      let gq = net.inputGradient(q)
      for l in 0..<6 {
        #expect(Self.close(h[l, k], (gp[l] - gq[l]) / (2 * step), 1e-7), "∂²f/∂x[\(l)]∂x[\(k)] \(activation)")
      }
    }
  }

  @Test(arguments: smooth)
  func lossGradientAndHessianMatchFiniteDifferences(activation: Activation) {
    var rng = RandomSource(seed: 3)
    let net = TwoLayerNetwork.fixedSigns(inputs: 5, width: 9, activation: activation, using: &rng)
    let x = rng.onSphere(dimension: 5, radius: 2)
    var loss = AdversarialLoss(network: net, x: x, target: -1)
    let delta = rng.onSphere(dimension: 5, radius: 0.4)
    var gradient = [Double](repeating: 0, count: 5)
    let (value, f) = loss.evaluate(at: delta, gradient: &gradient)
    var z = x
    axpy(1, delta, &z)
    #expect(Self.close(f, net(z), 1e-14))
    #expect(Self.close(value, 0.5 * (net(z) + 1) * (net(z) + 1), 1e-14))
    #expect(Self.close(loss.value(at: delta), value, 1e-14))
    let hessian = loss.hessian(at: delta)
    let step = 1e-5
    for k in 0..<5 {
      var p = delta
      var q = delta
      p[k] += step
      q[k] -= step
      #expect(Self.close(gradient[k], (loss.value(at: p) - loss.value(at: q)) / (2 * step), 1e-7), "∂ℓ/∂δ[\(k)]")
      var gp = gradient
      var gq = gradient
      loss.evaluate(at: p, gradient: &gp)
      loss.evaluate(at: q, gradient: &gq)
      for l in 0..<5 {
        #expect(Self.close(hessian[l, k], (gp[l] - gq[l]) / (2 * step), 1e-7), "∂²ℓ/∂δ[\(l)]∂δ[\(k)] \(activation)")
        #expect(hessian[l, k] == hessian[k, l])
      }
    }
  }

  @Test func twoClassMixtureHasInputsOfNormS() {
    var rng = RandomSource(seed: 4)
    let data = TrainingSet.twoClassMixture(points: 40, dimension: 10, separation: 1, scale: 0.5, rng: &rng)
    #expect(data.count == 40 && data.dimension == 10)
    for i in 0..<40 { #expect(Self.close(norm(data.x.row(i)), 0.5, 1e-12)) }
    #expect(Set(data.y).isSubset(of: [-1, 1]) && Set(data.y).count == 2)
    // The classes are separated along the mean: y·x points the same way on average.
    let m = product(data.x, .transpose, data.y)
    let aligned = (0..<40).filter { dot(data.x.row($0), m) * data.y[$0] > 0 }.count
    #expect(aligned >= 30)
  }
}
