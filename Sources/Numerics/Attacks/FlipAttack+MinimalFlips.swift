import CBLAS

extension FlipAttack {
  /// `minimalFlip` at every row of `inputs` (labels ±1, reach `maxRadii[i]`), a batch of points at a time. Point i
  /// runs exactly `minimalFlip(at: row i, label: y_i, maxRadius: maxRadii[i], rng: pointStream(rng, i))`: its
  /// own `MinimalFlipMachine`, so the same stages, steps and stopping; only the products with K are one GEMM per
  /// round over the points waiting for one (instead of a gemv per point and step). Results agree with the
  /// per-point attack up to the rounding of those products. `rng` advances by one draw.
  public func minimalFlips(
    at inputs: Matrix, labels: [Double], maxRadii: [Double], batch: Int = FlipAttack.firstFlipBatch,
    rng: inout RandomSource
  ) -> [Flip?] {
    precondition(
      inputs.rows == labels.count && inputs.rows == maxRadii.count && batch > 0,
      "minimalFlips: one label and one reach per row, a positive batch")
    let parent = rng
    _ = rng.next()
    var run = MinimalFlipBatch(
      attack: self, inputs: inputs, labels: labels, maxRadii: maxRadii, batch: min(batch, max(1, inputs.rows)),
      streams: parent)
    return run.run()
  }
}

/// The machines of `FlipAttack.minimalFlips`: one slot per point being attacked; a finished point's slot takes
/// the next point of the queue, so the batch stays full until the queue runs out.
struct MinimalFlipBatch {
  let attack: FlipAttack
  let inputs: Matrix
  let labels: [Double]
  let maxRadii: [Double]
  let streams: RandomSource
  var slots: [FlipAttack.MinimalFlipMachine]
  var points: [Int]  // the row each slot attacks (−1: free)
  var results: [FlipAttack.Flip?]
  var next = 0
  var rows: [Int] = []  // the slots whose product this round's GEMM forms
  var gathered: [Double]  // their vectors, packed (batch × m)
  var multiplied: [Double]  // the products

  init(
    attack: FlipAttack, inputs: Matrix, labels: [Double], maxRadii: [Double], batch: Int, streams: RandomSource
  ) {
    self.attack = attack
    self.inputs = inputs
    self.labels = labels
    self.maxRadii = maxRadii
    self.streams = streams
    let machine = FlipAttack.MinimalFlipMachine(attack: attack, inputs: inputs.cols)
    slots = [FlipAttack.MinimalFlipMachine](repeating: machine, count: batch)
    points = [Int](repeating: -1, count: batch)
    results = [FlipAttack.Flip?](repeating: nil, count: inputs.rows)
    gathered = [Double](repeating: 0, count: batch * attack.net.width)
    multiplied = gathered
    rows.reserveCapacity(batch)
  }

  mutating func run() -> [FlipAttack.Flip?] {
    while true {
      fill()
      if !points.contains(where: { $0 >= 0 }) { break }
      multiplyRows()
      for s in rows {
        slots[s].resume()
        if slots[s].finished { done(s) }
      }
    }
    return results
  }

  /// Free slots take the next points of the queue (a point that ends without a product is done at once).
  mutating func fill() {
    for s in slots.indices where points[s] < 0 {
      while next < inputs.rows {
        let i = next
        next += 1
        points[s] = i
        slots[s].begin(
          inputs.row(i), label: labels[i], maxRadius: maxRadii[i], rng: FlipAttack.pointStream(streams, i))
        if !slots[s].finished { break }
        done(s)
      }
    }
  }

  /// Slot s has ended: its verified flip is the result of its point, and the slot is free.
  mutating func done(_ s: Int) {
    let i = points[s]
    results[i] = slots[s].flip(at: inputs.row(i))
    points[s] = -1
  }

  /// q = Kβ or kc = Kc for every slot waiting for a product: packed into one (rows × m) matrix, one GEMM by the
  /// symmetric K (row r of VK is (Kv_r)ᵀ), unpacked.
  mutating func multiplyRows() {
    let m = attack.net.width
    rows.removeAll(keepingCapacity: true)
    for s in slots.indices where points[s] >= 0 && slots[s].pending != nil { rows.append(s) }
    multiplyKernelRows(
      &slots, rows: rows, kernel: attack.kernel, width: m, gathered: &gathered, multiplied: &multiplied,
      fromBeta: { $0.pending == .q })
  }
}
