import Testing

@testable import Numerics

@Suite struct LinearAlgebraTests {
  @Test func gemmAgainstHandComputedCase() {
    let a = Matrix(rowVectors: [[1, 2, 3], [4, 5, 6]])
    let b = Matrix(rowVectors: [[7, 8], [9, 10], [11, 12]])
    #expect(product(a, b) == Matrix(rowVectors: [[58, 64], [139, 154]]))
    #expect(product(a, .transpose, a, .none) == Matrix(rowVectors: [[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
    #expect(product(b, .transpose, a, .transpose) == product(a, b).transposed)
    #expect(product(a, .none, [1, 0, -1]) == [-2, -2])
    #expect(product(a, .transpose, [1, 1]) == [5, 7, 9])
  }

  @Test func gemmAccumulatesWithBeta() {
    let a = Matrix(rowVectors: [[1, 0], [0, 1]])
    var c = Matrix(rowVectors: [[1, 1], [1, 1]])
    gemm(a, .none, a, .none, into: &c, alpha: 2, beta: 3)
    #expect(c == Matrix(rowVectors: [[5, 3], [3, 5]]))
  }

  @Test func blasForwardPassEqualsNaiveLoop() {
    var rng = RandomSource(seed: 42)
    for activation in Activation.allCases {
      let net = TwoLayerNetwork.random(
        inputs: 37, width: 13, activation: activation, initScale: 1, bias: true, using: &rng)
      let x = rng.normalMatrix(9, 37)
      let fast = net(x)
      for i in 0..<x.rows {
        var s = 0.0
        for j in 0..<net.width {
          var z = net.bias![j]
          for k in 0..<x.cols { z += net.weights[j, k] * x[i, k] }
          s += net.outer[j] * activation.value(z)
        }
        #expect(abs(fast[i] - s) <= 1e-12 * max(1, abs(s)), "\(activation) row \(i)")
        #expect(abs(net(x.row(i)) - s) <= 1e-12 * max(1, abs(s)))
      }
    }
  }

  @Test func vectorHelpers() {
    #expect(dot([1, 2, 3], [4, 5, 6]) == 32)
    #expect(norm([3, 4]) == 5)
    var y = [1.0, 1.0]
    axpy(2, [1, -1], &y)
    #expect(y == [3, -1])
    #expect(normalized([0, 2]) == [0, 1])
  }
}
