import Foundation
import Numerics

/// What in a process's environment changes the numbers it computes: the 1-ulp perturbation of every normal
/// draw (`REPRO_PERTURB_INPUTS=1`, see `RandomSource.perturbsInputs`) and BLAS kernels forced by
/// `OPENBLAS_CORETYPE`. It is part of a stored point's key (`PointStore`), so a point computed under either
/// is never reused by an ordinary run, nor an ordinary point by such a run.
public struct NumericEnvironment: Sendable, Equatable {
  public var perturbsInputs: Bool
  /// The core type forced by `OPENBLAS_CORETYPE`; nil when OpenBLAS chooses for the CPU.
  public var forcedCore: String?

  public init(perturbsInputs: Bool, forcedCore: String?) {
    self.perturbsInputs = perturbsInputs
    self.forcedCore = forcedCore.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// This process's.
  public static let current = NumericEnvironment(
    perturbsInputs: RandomSource.perturbsInputs,
    forcedCore: ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"])

  public static let ordinary = NumericEnvironment(perturbsInputs: false, forcedCore: nil)

  /// "" for an ordinary run; else what differs, safe in a file name: "perturbed-inputs", "core-Haswell",
  /// "perturbed-inputs+core-Haswell".
  public var tag: String {
    var parts: [String] = []
    if perturbsInputs { parts.append("perturbed-inputs") }
    if let forcedCore {
      let safe = forcedCore.unicodeScalars.map {
        CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" ? String($0) : "_"
      }
      parts.append("core-" + safe.joined())
    }
    return parts.joined(separator: "+")
  }
}
