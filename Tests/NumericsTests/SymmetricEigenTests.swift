import Testing

@testable import Numerics

@Suite struct SymmetricEigenTests {
  static func close(_ a: Double, _ b: Double, _ tol: Double = 1e-12) -> Bool {
    abs(a - b) <= tol * max(1, abs(a), abs(b))
  }

  @Test func twoByTwoByHand() throws {
    // [[2, 1], [1, 2]]: eigenvalues 1 and 3, eigenvectors (1, −1)/√2 and (1, 1)/√2.
    let e = try SymmetricEigen(Matrix(rowVectors: [[2, 1], [1, 2]]), vectors: true)
    #expect(Self.close(e.values[0], 1) && Self.close(e.values[1], 3))
    let v0 = e.vector(0)
    let v1 = e.vector(1)
    #expect(Self.close(abs(v0[0]), (0.5).squareRoot()) && Self.close(v0[0], -v0[1]))
    #expect(Self.close(abs(v1[0]), (0.5).squareRoot()) && Self.close(v1[0], v1[1]))
    #expect(e.smallest == e.values[0] && e.largest == e.values[1])
  }

  @Test func threeByThreeByHand() throws {
    // A block 2 ⊕ [[3, 4], [4, 9]]: the block has trace 12 and determinant 11, so 6 ± 5.
    let a = Matrix(rowVectors: [[2, 0, 0], [0, 3, 4], [0, 4, 9]])
    let e = try SymmetricEigen(a)
    #expect(e.vectors == nil)
    #expect(zip(e.values, [1.0, 2, 11]).allSatisfy { Self.close($0, $1) }, "\(e.values)")
  }

  @Test func onlyTheUpperTriangleIsRead() throws {
    let a = Matrix(rowVectors: [[2, 1], [-100, 2]])
    let e = try SymmetricEigen(a)
    #expect(Self.close(e.values[0], 1) && Self.close(e.values[1], 3))
  }

  @Test func randomSymmetricMatrixSatisfiesAvEqualsLambdaV() throws {
    var rng = RandomSource(seed: 5)
    let n = 23
    let b = rng.normalMatrix(n, n)
    var a = b
    for i in 0..<n { for j in 0..<n { a[i, j] = b[i, j] + b[j, i] } }
    let e = try SymmetricEigen(a, vectors: true)
    #expect(zip(e.values, e.values.dropFirst()).allSatisfy { $0 <= $1 })
    var trace = 0.0
    for i in 0..<n { trace += a[i, i] }
    #expect(Self.close(e.values.reduce(0, +), trace, 1e-10))
    for k in 0..<n {
      let v = e.vector(k)
      let av = product(a, .none, v)
      for i in 0..<n { #expect(abs(av[i] - e.values[k] * v[i]) <= 1e-10 * max(1, abs(e.values[k]))) }
      #expect(Self.close(norm(v), 1))
      for l in 0..<k { #expect(abs(dot(v, e.vector(l))) <= 1e-12) }
    }
  }

  @Test func nonFiniteEntryIsAnError() {
    #expect(throws: EigenError.self) { try SymmetricEigen(Matrix(rowVectors: [[1, .nan], [.nan, 1]])) }
    let message = (try? SymmetricEigen(Matrix(rowVectors: [[.infinity]]))) == nil
    #expect(message)
    #expect(EigenError(info: -5, size: 2).description.contains("non-finite"))
  }

  @Test func emptyMatrixHasNoEigenvalues() throws {
    #expect(try SymmetricEigen(Matrix(zeros: 0, 0)).values.isEmpty)
  }
}
