import Foundation

/// How the adversary looks for the point of the ball ‖z − x_i‖ ≤ δ with the lowest margin y_i·f(z) (the
/// highest loss, for any loss decreasing in the margin: logistic, exponential).
public enum MarginAttack: Sendable, Equatable {
  /// The clean inputs.
  case none
  /// Projected gradient descent on the margin from δ_i = 0 and from `restarts` further starts uniform in
  /// the ball: normalised steps δ_i ← Π(δ_i − α_t·δ·∇q/‖∇q‖), one per entry α_t of `steps`. Every iterate
  /// counts: the attack returns the lowest margin it visited. `tangential`: where δ_i is on the sphere and
  /// the step points out of the ball, the step follows the sphere's tangent (the Riemannian gradient,
  /// normalised), so falling steps converge to a boundary minimum instead of stalling against the
  /// projection.
  case gradient(steps: [Double], restarts: Int, tangential: Bool = false)
  /// d = 2 only: every point of a polar grid of the disk (the centre, then `rings` rings at radii δ·k/rings
  /// with 6k points each), then `refine` tangential gradient steps from the best grid point (see `gradient`),
  /// their sizes falling geometrically from half the grid spacing by 0.7 a step. The minimum need not lie on
  /// the boundary.
  /// `starts`: the refinement runs from each of that many best grid points (two near-equal minima of the
  /// grid can lead to different local minima of the disk).
  case exhaustive(rings: Int, refine: Int, starts: Int = 1)

  /// One normalised gradient step of length δ from x_i (the ℓ2 fast gradient method).
  public static let oneStep = MarginAttack.gradient(steps: [1], restarts: 0)

  /// K normalised steps of 2.5δ/K each (Madry et al.'s rule) from x_i.
  public static func pga(_ steps: Int) -> MarginAttack {
    .gradient(steps: [Double](repeating: 2.5 / Double(max(steps, 1)), count: steps), restarts: 0)
  }

  /// A strong estimate in any dimension: `steps` tangential normalised steps falling geometrically from δ/2
  /// to δ·10⁻⁶, from δ_i = 0 and from `restarts` random starts.
  public static func strong(steps: Int, restarts: Int) -> MarginAttack {
    let ratio = steps > 1 ? pow(2e-6, 1 / Double(steps - 1)) : 1
    return .gradient(steps: (0..<steps).map { 0.5 * pow(ratio, Double($0)) }, restarts: restarts, tangential: true)
  }
}

/// Runs a `MarginAttack` on every training input at once. After `attack(_:)`, `points` holds the attack's
/// point z_i for each input and `margins` its margin y_i·f(z_i), the lowest the attack visited.
/// Buffers (and, for the exhaustive search, the grid) are kept across calls: no allocation per call.
public struct MarginAttacker: Sendable {
  public let inputs: Matrix
  public let labels: [Double]
  /// δ.
  public let radius: Double
  public let method: MarginAttack
  public private(set) var points: Matrix
  public private(set) var margins: [Double]
  private var random: RandomSource
  private var batch: MarginBatch
  private var delta: Matrix
  private var z: Matrix
  private var gradients: Matrix
  var grid: Matrix  // G × d offsets (exhaustive)
  var gridPre: Matrix  // a block of grid offsets × m (`searchGrid`)
  var inputPre: Matrix  // n × m
  var gridBest: [Int]  // n × starts: the best grid indices per input, best first
  var gridBestMargins: [Double]  // their margins
  private var evaluations = 0  // batch evaluations of the current attack after the clean one
  private var lastHadSlopes = false  // whether the last evaluation left its slopes in the batch
  private var bestEvaluation: [Int]  // per row: the evaluation its point comes from
  private var flipLimit = Int.max  // `attack(_:stoppingAtFlips:)`
  private var stopped = false  // whether the attack reached `flipLimit` flipped rows

  /// `rng` draws the random restarts (a stream of its own: the attack is a pure function of the network,
  /// the data and the stream's position).
  public init(
    inputs: Matrix, labels: [Double], radius: Double, method: MarginAttack, width: Int, rng: RandomSource
  ) {
    precondition(radius >= 0 && radius.isFinite, "MarginAttacker: the radius must be finite and ≥ 0")
    let (n, d) = (inputs.rows, inputs.cols)
    self.inputs = inputs
    self.labels = labels
    self.radius = radius
    self.method = method
    points = inputs
    margins = [Double](repeating: 0, count: n)
    random = rng
    bestEvaluation = [Int](repeating: 0, count: n)
    batch = MarginBatch(rows: n, width: width)
    delta = Matrix(zeros: n, d)
    z = inputs
    gradients = Matrix(zeros: n, d)
    if case .exhaustive(let rings, _, let starts) = method {
      precondition(d == 2, "MarginAttacker: the exhaustive search is for d = 2, not d = \(d)")
      var offsets: [[Double]] = [[0, 0]]
      for k in 1...max(rings, 1) {
        let r = radius * Double(k) / Double(max(rings, 1))
        for j in 0..<(6 * k) {
          let angle = 2 * Double.pi * (Double(j) + 0.5 * Double(k % 2)) / Double(6 * k)
          offsets.append([r * cos(angle), r * sin(angle)])
        }
      }
      grid = Matrix(rowVectors: offsets)
      gridPre = Matrix(zeros: min(offsets.count, Self.gridBlock(width: width)), width)
      inputPre = Matrix(zeros: n, width)
      gridBest = [Int](repeating: 0, count: n * max(starts, 1))
      gridBestMargins = [Double](repeating: .infinity, count: n * max(starts, 1))
    } else {
      gridBest = []
      gridBestMargins = []
      grid = Matrix(zeros: 0, d)
      gridPre = Matrix(zeros: 0, 0)
      inputPre = Matrix(zeros: 0, 0)
    }
  }

  /// Attacks every input against `network`; the results are in `points` and `margins`.
  ///
  /// `limit`: the attack stops as soon as that many rows have a margin ≤ 0 (or NaN), leaving the other
  /// margins where they were; only which rows are flipped is then settled (for a robust accuracy that can only
  /// fall). Its random starts are drawn all the same, so the next attack is the one after a full attack.
  public mutating func attack(_ network: TwoLayerNetwork, stoppingAtFlips limit: Int = .max) {
    let n = inputs.rows
    flipLimit = limit
    stopped = false
    // Into the kept buffer (assigning the array would share it with `inputs`, and the first point a visit
    // stores would copy it again at every attack).
    points.storage.withUnsafeMutableBufferPointer { p in
      inputs.storage.withUnsafeBufferPointer { x in
        if let from = x.baseAddress { p.baseAddress!.update(from: from, count: x.count) }
      }
    }
    batch.load(network)
    // The clean pass, once: with the slopes when the first descent starts from Δ = 0 (on the GEMM path
    // always: `pointMargins` reuses the slopes of the last evaluation).
    var descendsFromClean = false
    if radius > 0, case .gradient(let steps, _, _) = method { descendsFromClean = !steps.isEmpty }
    evaluations = 0
    lastHadSlopes = descendsFromClean || !batch.isFused(for: network)
    batch.evaluateLoaded(inputs, labels: labels, network: network, slopes: lastHadSlopes)
    for i in 0..<n {
      margins[i] = batch.margins[i]
      bestEvaluation[i] = 0
    }
    countFlips()
    guard radius > 0 else { return }
    switch method {
    case .none:
      return
    case .gradient(let steps, let restarts, let tangential):
      for k in delta.storage.indices { delta.storage[k] = 0 }
      descend(network, steps: steps, tangential: tangential, visited: descendsFromClean)
      for _ in 0..<restarts {
        randomStarts()
        descend(network, steps: steps, tangential: tangential)
      }
    case .exhaustive(let rings, let refine, let starts):
      searchGrid(network, keep: max(starts, 1))
      let spacing = 1 / Double(max(rings, 1))
      let steps = (0..<refine).map { 0.5 * spacing * pow(0.7, Double($0)) }
      for k in 0..<max(starts, 1) {
        for i in 0..<n {
          let g = gridBest[i * max(starts, 1) + k]
          for j in 0..<inputs.cols { delta[i, j] = grid[g, j] }
        }
        descend(network, steps: steps, tangential: true)
      }
    }
  }

  /// From the current Δ: the margins there, then one normalised step per entry of `steps` (fractions of δ),
  /// keeping the lowest margin of each row. `visited`: the batch already holds Δ's margins and slopes (the
  /// clean pass at Δ = 0), so they are not evaluated again.
  private mutating func descend(_ network: TwoLayerNetwork, steps: [Double], tangential: Bool, visited: Bool = false) {
    let (n, d) = (inputs.rows, inputs.cols)
    guard !stopped else { return }
    if !visited { visit(network, slopes: !steps.isEmpty) }
    for (t, alpha) in steps.enumerated() {
      if stopped { return }
      batch.inputGradients(network, into: &gradients)
      let length = alpha * radius
      let edge = radius * radius * (1 - 1e-12)
      gradients.storage.withUnsafeMutableBufferPointer { g in
        delta.storage.withUnsafeMutableBufferPointer { x in
          normalisedSteps(
            g.baseAddress!, x.baseAddress!, rows: n, dimension: d, length: length, radius: radius, edge: edge,
            tangential: tangential)
        }
      }
      visit(network, slopes: t + 1 < steps.count)
    }
  }

  /// Z = X + Δ, its margins, and the rows where they beat the best so far.
  private mutating func visit(_ network: TwoLayerNetwork, slopes: Bool) {
    let (n, d) = (inputs.rows, inputs.cols)
    z.storage.withUnsafeMutableBufferPointer { zs in
      inputs.storage.withUnsafeBufferPointer { xs in
        delta.storage.withUnsafeBufferPointer { ds in
          for k in 0..<zs.count { zs[k] = xs[k] + ds[k] }
        }
      }
    }
    evaluations += 1
    lastHadSlopes = slopes || !batch.isFused(for: network)
    batch.evaluateLoaded(z, labels: labels, network: network, slopes: lastHadSlopes)
    let evaluation = evaluations
    batch.margins.withUnsafeBufferPointer { q in
      margins.withUnsafeMutableBufferPointer { best in
        bestEvaluation.withUnsafeMutableBufferPointer { from in
          points.storage.withUnsafeMutableBufferPointer { p in
            z.storage.withUnsafeBufferPointer { zs in
              for i in 0..<n where q[i] < best[i] || q[i].isNaN {
                best[i] = q[i]
                from[i] = evaluation
                for k in 0..<d { p[i * d + k] = zs[i * d + k] }
              }
            }
          }
        }
      }
    }
    countFlips()
  }

  /// Sets `stopped` once `flipLimit` rows have a margin ≤ 0 or NaN.
  private mutating func countFlips() {
    guard flipLimit < inputs.rows + 1 else { return }
    var flipped = 0
    for q in margins where !(q > 0) { flipped += 1 }
    if flipped >= flipLimit { stopped = true }
  }

  /// The margins at the attack's points against the network of the last `attack`, ready for
  /// `weightGradient`. Fused: `margins` itself (each row depends on its point and W only). GEMM path: the
  /// rows whose point was the last evaluation keep its margins and slopes; the others are evaluated again
  /// one by one (`MarginBatch.evaluateRow`), so no full pass is repeated.
  public mutating func pointMargins(_ network: TwoLayerNetwork) -> [Double] {
    if batch.isFused(for: network) { return margins }
    for i in 0..<inputs.rows where !(lastHadSlopes && bestEvaluation[i] == evaluations) {
      batch.evaluateRow(i, points, label: labels[i], network: network)
    }
    return batch.margins
  }

  /// G = Σ_i t_i·∇_W q_i at the attack's points, m × d, against the network of the last `attack`, after
  /// `pointMargins` (see `MarginBatch.weightGradient`).
  public mutating func weightGradient(_ network: TwoLayerNetwork, weights t: [Double], into g: inout Matrix) {
    batch.weightGradient(points, labels: labels, network: network, weights: t, into: &g)
  }

  /// Whether the attack's batch takes the fused path (its margins are then exactly those of its points).
  public func isFused(for network: TwoLayerNetwork) -> Bool { batch.isFused(for: network) }

  /// Δ_i uniform in the ball, one per row.
  private mutating func randomStarts() {
    let (n, d) = (inputs.rows, inputs.cols)
    for i in 0..<n {
      let u = random.onSphere(dimension: d, radius: radius * pow(random.uniform(), 1 / Double(d)))
      for k in 0..<d { delta[i, k] = u[k] }
    }
  }
}
