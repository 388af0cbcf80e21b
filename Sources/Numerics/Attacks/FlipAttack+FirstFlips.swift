import CBLAS

extension FlipAttack {
  /// Test points attacked together by `firstFlips`. Most steps update Kc by the few units that switched
  /// (`State.updateProduct`); the full products (a start's q = Kβ, its first Kc) of a round are one GEMM over the
  /// batch, and the candidates of most points start in the same rounds (every candidate runs 50 steps unless it
  /// flips). 64 rows already give OpenBLAS's DGEMM panels of K enough reuse (at m = 1000 a batch of 256 measured
  /// no faster), while the batch's buffers stay at 9 vectors of m per row (4.6 MB at m = 1000).
  public static let firstFlipBatch = 64

  /// The random stream test point `index` of `firstFlips` draws its random starts from: derived from the
  /// caller's stream (as it was when `firstFlips` was called) and the index only, so a point's starts do not
  /// depend on the batch size or on the other points. The per-point `firstFlip` given this stream draws
  /// exactly the same starts.
  public static func pointStream(_ rng: RandomSource, _ index: Int) -> RandomSource {
    rng.derived("point \(index)")
  }

  /// `firstFlip` at every row of `inputs` (labels ±1), a batch of test points at a time: the index of the
  /// first radius of the ascending grid at which projected gradient descent finds a verified flip, or
  /// `radii.count`. Point i runs exactly `firstFlip(at: row i, label: y_i, radii:, starts: starts signed
  /// −y_i·s, randomStarts:, rng: pointStream(rng, i))`: the same candidates in the same order (the previous
  /// radius's lowest end point, 0, each start, the random starts), the same step size per radius, the same
  /// stopping; only the products with K are one GEMM per round over the points still descending (instead of
  /// one gemv per point and step), and a claimed flip is verified on the network for all points claiming one
  /// in that round together. Results agree with the per-point attack up to the rounding of those products.
  /// `rng` advances by one draw (so a second call gives other starts).
  public func firstFlips(
    at inputs: Matrix, labels: [Double], radii: [Double], startsAgainstLabel starts: [[Double]] = [],
    randomStarts: Int = 1, batch: Int = FlipAttack.firstFlipBatch, rng: inout RandomSource
  ) -> [Int] {
    precondition(inputs.rows == labels.count && batch > 0, "firstFlips: one label per row, a positive batch")
    let parent = rng
    _ = rng.next()
    var run = FirstFlipBatch(
      attack: self, inputs: inputs, labels: labels, radii: radii, starts: starts, randomStarts: randomStarts,
      batch: min(batch, max(1, inputs.rows)), streams: parent)
    return run.run()
  }
}

/// The state machines of `FlipAttack.firstFlips`: one slot per point being attacked; a finished point's slot
/// takes the next point of the queue, so the batch stays full until the queue runs out.
struct FirstFlipBatch {
  struct Slot {
    var state: FlipAttack.State
    var point = -1  // the row of `inputs` (−1: free)
    var rng = RandomSource(seed: 0)
    var radius = 0
    var candidate = 0
    var warm: [Double]? = nil
    var lowest = Double.infinity
    var lowestBeta: [Double]? = nil
    var step = 0
    var phase = Phase.free
  }

  enum Phase { case free, starting, descending, claimed, failed }

  let attack: FlipAttack
  let inputs: Matrix
  let labels: [Double]
  let radii: [Double]
  let starts: [[Double]]
  let randomStarts: Int
  let streams: RandomSource
  var slots: [Slot]
  var results: [Int]
  var next = 0
  var rows: [Int] = []  // the slots whose product with K this round's GEMM forms
  var stepping: [Int] = []  // the slots that take a step this round
  var gathered: [Double]  // the rows to multiply by K, packed (batch × m)
  var multiplied: [Double]  // their products

  init(
    attack: FlipAttack, inputs: Matrix, labels: [Double], radii: [Double], starts: [[Double]], randomStarts: Int,
    batch: Int, streams: RandomSource
  ) {
    self.attack = attack
    self.inputs = inputs
    self.labels = labels
    self.radii = radii
    self.starts = starts
    self.randomStarts = randomStarts
    self.streams = streams
    let empty = FlipAttack.State(
      net: attack.net, kernel: attack.kernel, x: [Double](repeating: 0, count: inputs.cols), label: 1)
    slots = [Slot](repeating: Slot(state: empty), count: batch)
    results = [Int](repeating: radii.count, count: inputs.rows)
    gathered = [Double](repeating: 0, count: batch * attack.net.width)
    multiplied = gathered
    rows.reserveCapacity(batch)
    stepping.reserveCapacity(batch)
  }

  /// The candidates of a radius: the previous radius's lowest end point (if any), 0, the starts, the random ones.
  func candidates(_ s: Slot) -> Int { (s.warm == nil ? 0 : 1) + 1 + starts.count + randomStarts }

  mutating func run() -> [Int] {
    while true {
      fill()
      if !slots.contains(where: { $0.phase != .free }) { break }
      round()
      verifyClaims()
      for s in slots.indices where slots[s].phase == .failed { advance(s) }
    }
    return results
  }

  /// Free slots take the next points of the queue (a point already misclassified is done at once: index 0).
  mutating func fill() {
    for s in slots.indices where slots[s].phase == .free {
      while next < inputs.rows {
        let i = next
        next += 1
        slots[s].state.load(inputs.row(i), label: labels[i])
        if slots[s].state.margin() <= 0 {
          results[i] = 0
          continue
        }
        slots[s].point = i
        slots[s].rng = FlipAttack.pointStream(streams, i)
        slots[s].radius = 0
        slots[s].warm = nil
        begin(s, candidate: 0)
        break
      }
    }
  }

  /// Slot s starts candidate `c` of its radius: β set (q follows in the next `round`).
  mutating func begin(_ s: Int, candidate c: Int) {
    slots[s].candidate = c
    if c == 0 {
      slots[s].lowest = .infinity
      slots[s].lowestBeta = nil
    }
    var k = c
    if let warm = slots[s].warm {
      if k == 0 { slots[s].state.beta = warm }
      k -= 1
    }
    let y = slots[s].state.label
    if k == -1 {
    } else if k == 0 {
      for j in slots[s].state.beta.indices { slots[s].state.beta[j] = 0 }
    } else if k <= starts.count {
      slots[s].state.beta = starts[k - 1].map { -y * $0 }
    } else {
      slots[s].state.beta = slots[s].rng.normals(attack.net.width)
    }
    slots[s].phase = .starting
  }

  /// Whether the slot's current candidate is the zero start (q = K·0 = 0 needs no product; not scaled).
  func isZeroStart(_ s: Slot) -> Bool { s.candidate == (s.warm == nil ? 0 : 1) }

  /// One round: every starting slot's q = Kβ, every descending slot's step of `FlipAttack.State.descend`
  /// (margin check, slopes c, Kc, the projected step), the products of all of them in one GEMM. A start takes
  /// the round its product is in and descends from the next (the zero start needs no product and descends at
  /// once), so each round packs K once.
  mutating func round() {
    rows.removeAll(keepingCapacity: true)
    stepping.removeAll(keepingCapacity: true)
    for s in slots.indices {
      if slots[s].phase == .starting && isZeroStart(slots[s]) {
        for j in slots[s].state.q.indices { slots[s].state.q[j] = 0 }
        slots[s].step = 0
        slots[s].phase = .descending
      }
      if slots[s].phase == .starting {
        rows.append(s)
      } else if slots[s].phase == .descending {
        if slots[s].state.marginAndSlopes() <= 0 {
          slots[s].phase = .claimed
        } else if slots[s].step == attack.steps {
          slots[s].phase = .failed
        } else {
          if slots[s].step == 0 || !slots[s].state.updateProduct() { rows.append(s) }
          stepping.append(s)
        }
      }
    }
    multiplyRows()
    for s in rows {
      if slots[s].phase == .descending {
        slots[s].state.formed()
      } else {
        slots[s].state.scale(to: radii[slots[s].radius], exactly: true)
        slots[s].step = 0
        slots[s].phase = .descending
      }
    }
    for s in stepping {
      let g2 = dot(slots[s].state.c, slots[s].state.kc)
      guard g2 > 0 else {
        slots[s].phase = .failed
        continue
      }
      slots[s].state.step(g2: g2, radius: radii[slots[s].radius], steps: attack.steps)
      slots[s].step += 1
    }
  }

  /// q = Kβ for the starting slots in `rows`, kc = Kc for the descending ones: packed into one (rows × m) matrix, one GEMM by
  /// the symmetric K (row r of BK is (Kβ_r)ᵀ), unpacked.
  mutating func multiplyRows() {
    let m = attack.net.width
    multiplyKernelRows(
      &slots, rows: rows, kernel: attack.kernel, width: m, gathered: &gathered, multiplied: &multiplied,
      fromBeta: { $0.phase == .starting })
  }

  /// Claimed flips checked on the network itself, all of this round's together: Z = X + BW (δ = Wᵀβ per row).
  mutating func verifyClaims() {
    let rows = slots.indices.filter { slots[$0].phase == .claimed }
    guard !rows.isEmpty else { return }
    let net = attack.net
    let beta = Matrix(rowVectors: rows.map { slots[$0].state.beta })
    var z = product(beta, .none, net.weights, .none)
    for (r, s) in rows.enumerated() {
      let i = slots[s].point
      for j in 0..<inputs.cols { z[r, j] += inputs[i, j] }
    }
    let f = net(z)
    for (r, s) in rows.enumerated() {
      if slots[s].state.label * f[r] <= 0 {
        results[slots[s].point] = slots[s].radius
        slots[s].point = -1
        slots[s].phase = .free
      } else {
        slots[s].phase = .failed
      }
    }
  }

  /// A candidate ended without a verified flip: keep its end point if its margin is the lowest of the radius,
  /// then the next candidate, or the next radius from the lowest end point, or the grid is exhausted.
  mutating func advance(_ s: Int) {
    let m = slots[s].state.margin()
    if m < slots[s].lowest {
      slots[s].lowest = m
      slots[s].lowestBeta = slots[s].state.beta
    }
    if slots[s].candidate + 1 < candidates(slots[s]) {
      begin(s, candidate: slots[s].candidate + 1)
      return
    }
    slots[s].warm = slots[s].lowestBeta
    slots[s].radius += 1
    if slots[s].radius == radii.count {
      results[slots[s].point] = radii.count
      slots[s].point = -1
      slots[s].phase = .free
    } else {
      begin(s, candidate: 0)
    }
  }
}
