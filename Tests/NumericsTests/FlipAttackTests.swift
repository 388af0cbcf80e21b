import Testing

@testable import Numerics

@Suite struct FlipAttackTests {
  /// relu(w·x) − relu(−w·x) = w·x: its minimal ℓ2 flip is |f(x)|/‖w‖, along −sign(f)·w.
  @Test func linearModelMinimalFlipIsMarginOverNorm() throws {
    var rng = RandomSource(seed: 3)
    let w = rng.normals(40)
    let net = TwoLayerNetwork(weights: Matrix(rowVectors: [w, w.map { -$0 }]), outer: [1, -1], activation: .relu)
    let attack = FlipAttack(net, tolerance: 1e-6)
    for _ in 0..<20 {
      let x = rng.normals(40)
      let f = net(x)
      let y: Double = f > 0 ? 1 : -1
      let flip = try #require(attack.minimalFlip(at: x, label: y, maxRadius: 100, rng: &rng))
      let exact = abs(f) / norm(w)
      #expect(flip.radius >= exact * (1 - 1e-9))
      #expect(flip.radius <= exact * (1 + 0.03), "DeepFool's overshoot is refined away by the bisection")
      var z = x
      axpy(1, flip.perturbation, &z)
      #expect(y * net(z) <= 0)
    }
  }

  /// A wide random ReLU network: the attack's flip is genuine, lies in the row space of W (so it is
  /// no larger than needed in the null space), and is no larger than the flip along a random ray.
  @Test func randomNetworkFlipsAreVerifiedAndCompetitive() throws {
    var rng = RandomSource(seed: 5)
    let net = TwoLayerNetwork.random(inputs: 60, width: 15, activation: .relu, initScale: 1, using: &rng)
    let attack = FlipAttack(net)
    for _ in 0..<10 {
      let x = rng.normals(60)
      let f = net(x)
      guard f != 0 else { continue }
      let y: Double = f > 0 ? 1 : -1
      let flip = try #require(attack.minimalFlip(at: x, label: y, maxRadius: 1e3, rng: &rng))
      var z = x
      axpy(1, flip.perturbation, &z)
      #expect(y * net(z) <= 0)
      #expect(abs(norm(flip.perturbation) - flip.radius) <= 1e-12 * flip.radius)
      #expect(flip.unflippedRadius <= flip.radius)
      // Along the gradient direction, the ray search's first flip.
      let g = normalized(net.inputGradient(x)).map { -y * $0 }
      let ray = RayEvaluator(net, at: x, along: g)
      if let t = RaySearch.firstSignChange(start: 1e-6, maxT: 1e3, { y * ray($0) }) {
        #expect(flip.radius <= t * (1 + 1e-3))
      }
    }
  }

  /// R(x) = Σ y_i relu(⟨x_i, x⟩ − ‖x_i‖²/2) on near-orthogonal data: the certificate is a lower bound
  /// on every flip, and along −x_i the output reaches 0 at ‖δ‖ = ‖x_i‖/2, so the attack finds at most that.
  @Test func robustReferenceRadiusIsCertifiedAndNearlyTight() throws {
    var rng = RandomSource(seed: 11)
    let data = TrainingSet.random(points: 8, dimension: 2000, distribution: .sphere, rng: &rng)
    let r = data.robustReference
    let certified = data.robustReferenceRadii
    let attack = FlipAttack(r)
    for i in 0..<data.count {
      let x = data.x.row(i)
      #expect(data.y[i] * r(x) > 0)
      let flip = try #require(attack.minimalFlip(at: x, label: data.y[i], maxRadius: 10 * norm(x), rng: &rng))
      #expect(flip.radius >= certified[i])
      #expect(flip.radius <= norm(x) / 2 * (1 + 2e-3))
    }
  }

  /// With unequal norms (Gaussian inputs) the certificate still bounds every flip from below, and it is
  /// the equal-norm formula when the norms agree.
  @Test func robustReferenceCertificateHoldsForUnequalNorms() throws {
    var rng = RandomSource(seed: 12)
    let data = TrainingSet.random(points: 8, dimension: 1000, distribution: .gaussian, rng: &rng)
    let r = data.robustReference
    let certified = data.robustReferenceRadii
    let attack = FlipAttack(r)
    for i in 0..<data.count {
      let x = data.x.row(i)
      #expect(certified[i] > 0.3 * norm(x))
      // On the sphere of radius ‖x_i‖ around x_i, sampled: R keeps the label inside the certificate.
      for _ in 0..<20 {
        let delta = rng.onSphere(dimension: 1000, radius: certified[i] * 0.999)
        #expect(data.y[i] * r(zip(x, delta).map { $0 + $1 }) > 0)
      }
      let flip = try #require(attack.minimalFlip(at: x, label: data.y[i], maxRadius: 10 * norm(x), rng: &rng))
      #expect(flip.radius >= certified[i])
    }
    // Two orthogonal points of norms 2 and 4: the certificate of each is half its own norm's bound.
    let hand = TrainingSet(x: Matrix(rowVectors: [[2, 0], [0, 4]]), y: [1, -1])
    #expect(hand.robustReferenceRadii == [1, 1])
  }

  @Test func misclassifiedInputHasRadiusZeroAndUnflippableGivesNil() {
    let w = [1.0, 0]
    let net = TwoLayerNetwork(weights: Matrix(rowVectors: [w, w.map { -$0 }]), outer: [1, -1], activation: .relu)
    let attack = FlipAttack(net)
    var rng = RandomSource(seed: 1)
    #expect(attack.minimalFlip(at: [-1, 0], label: 1, maxRadius: 10, rng: &rng)?.radius == 0)
    #expect(attack.minimalFlip(at: [5, 0], label: 1, maxRadius: 1, rng: &rng) == nil)
  }
}
