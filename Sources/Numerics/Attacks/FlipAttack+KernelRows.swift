import CBLAS

/// A slot of a batched flip attack (`FirstFlipBatch`, `MinimalFlipBatch`): a `FlipAttack.State` that may wait for
/// a full product with the kernel K.
protocol KernelProductSlot {
  var state: FlipAttack.State { get set }
}

extension FirstFlipBatch.Slot: KernelProductSlot {}
extension FlipAttack.MinimalFlipMachine: KernelProductSlot {}

/// q = Kβ for the slots in `rows` where `fromBeta` holds, kc = Kc for the others: their vectors packed into one
/// (rows × m) matrix `gathered`, one GEMM by the symmetric K (row r of VK is (Kv_r)ᵀ) into `multiplied`, unpacked
/// into each slot's state. The one product routine of both batches.
func multiplyKernelRows<Slot: KernelProductSlot>(
  _ slots: inout [Slot], rows: [Int], kernel: Matrix, width m: Int, gathered: inout [Double],
  multiplied: inout [Double], fromBeta: (Slot) -> Bool
) {
  guard !rows.isEmpty, m > 0 else { return }
  gathered.withUnsafeMutableBufferPointer { g in
    for (r, s) in rows.enumerated() {
      (fromBeta(slots[s]) ? slots[s].state.beta : slots[s].state.c).withUnsafeBufferPointer { v in
        (g.baseAddress! + r * m).update(from: v.baseAddress!, count: m)
      }
    }
  }
  gathered.withUnsafeBufferPointer { g in
    kernel.storage.withUnsafeBufferPointer { k in
      multiplied.withUnsafeMutableBufferPointer { p in
        cblas_dgemm(
          CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows.count), Int32(m), Int32(m), 1, g.baseAddress,
          Int32(m), k.baseAddress, Int32(m), 0, p.baseAddress, Int32(m))
      }
    }
  }
  multiplied.withUnsafeBufferPointer { p in
    for (r, s) in rows.enumerated() {
      let source = p.baseAddress! + r * m
      if fromBeta(slots[s]) {
        slots[s].state.q.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: source, count: m) }
      } else {
        slots[s].state.kc.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: source, count: m) }
      }
    }
  }
}
