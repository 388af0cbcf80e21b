import Foundation
import Testing

@testable import Numerics

/// Gradients against central finite differences, for every activation × loss,
/// with respect to every parameter block and to the input.
@Suite struct GradientTests {
  /// A small network with inputs where no ReLU pre-activation sits near its kink.
  static func setting(_ activation: Activation, bias: Bool, seed: UInt64) -> (TwoLayerNetwork, Matrix, [Double]) {
    var rng = RandomSource(seed: seed)
    var net = TwoLayerNetwork.random(
      inputs: 5, width: 4, activation: activation, initScale: 1.5, bias: bias, using: &rng)
    if bias { net.bias = rng.normals(4, sd: 0.3) }
    let x = rng.normalMatrix(3, 5)
    let y = [1.0, -1.0, 1.0]
    return (net, x, y)
  }

  static func meanLoss(_ net: TwoLayerNetwork, _ x: Matrix, _ y: [Double], _ loss: Loss) -> Double {
    let f = net(x)
    return zip(f, y).reduce(0) { $0 + loss.value($1.0, $1.1) } / Double(y.count)
  }

  /// Relative agreement, with an absolute floor for entries near zero.
  static func close(_ a: Double, _ b: Double, _ tol: Double = 1e-6) -> Bool {
    abs(a - b) <= tol * max(1, abs(a), abs(b))
  }

  @Test(arguments: Activation.allCases, Loss.allCases)
  func parameterGradientMatchesFiniteDifferences(activation: Activation, loss: Loss) {
    for bias in [false, true] {
      let (net, x, y) = Self.setting(activation, bias: bias, seed: 7)
      let (_, g) = net.lossAndGradient(x, y, loss: loss)
      let h = 1e-6
      func fd(_ perturb: (inout TwoLayerNetwork, Double) -> Void) -> Double {
        var plus = net
        var minus = net
        perturb(&plus, h)
        perturb(&minus, -h)
        return (Self.meanLoss(plus, x, y, loss) - Self.meanLoss(minus, x, y, loss)) / (2 * h)
      }
      for j in 0..<net.width {
        for k in 0..<net.inputDimension {
          let numeric = fd { $0.weights[j, k] += $1 }
          #expect(Self.close(g.weights[j, k], numeric), "∂L/∂W[\(j),\(k)] \(activation) \(loss) bias=\(bias)")
        }
        let numericV = fd { $0.outer[j] += $1 }
        #expect(Self.close(g.outer[j], numericV), "∂L/∂v[\(j)] \(activation) \(loss)")
        if bias {
          let numericB = fd { $0.bias![j] += $1 }
          #expect(Self.close(g.bias![j], numericB), "∂L/∂b[\(j)] \(activation) \(loss)")
        }
      }
    }
  }

  @Test(arguments: Activation.allCases)
  func inputGradientAndHessianMatchFiniteDifferences(activation: Activation) {
    let (net, x, _) = Self.setting(activation, bias: true, seed: 11)
    let x0 = x.row(0)
    let grad = net.inputGradient(x0)
    let hess = net.inputHessian(x0)
    let h = 1e-5
    for k in 0..<x0.count {
      var p = x0
      var q = x0
      p[k] += h
      q[k] -= h
      #expect(Self.close(grad[k], (net(p) - net(q)) / (2 * h)), "∂N/∂x[\(k)] \(activation)")
      let gp = net.inputGradient(p)
      let gq = net.inputGradient(q)
      for l in 0..<x0.count {
        #expect(Self.close(hess[l, k], (gp[l] - gq[l]) / (2 * h), 1e-5), "∂²N/∂x[\(l)]∂x[\(k)] \(activation)")
      }
    }
  }

  @Test func fixedSecondLayerHasNoOuterGradient() {
    var (net, x, y) = Self.setting(.tanh, bias: false, seed: 3)
    net.trainsOuter = false
    let (_, g) = net.lossAndGradient(x, y, loss: .logistic)
    #expect(g.outer.allSatisfy { $0 == 0 })
  }

  @Test func outputScaleMultipliesTheOutput() {
    var (net, x, _) = Self.setting(.softplus, bias: true, seed: 5)
    let f1 = net(x)
    net.outputScale = 1 / 2.0
    let f2 = net(x)
    for (a, b) in zip(f1, f2) { #expect(Self.close(a / 2, b, 1e-14)) }
  }
}
