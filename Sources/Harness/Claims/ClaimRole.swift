/// What a claim is: a prediction of the paper (it needs a wrong-regime control), a consistency check, or a check of
/// the code.
public enum ClaimRole: Sendable, Equatable {
  case prediction
  /// A theorem or identity the implementation must satisfy, with why it is not a prediction.
  case codeCheck(String)
  /// A statement the theory implies that also holds for networks the theory does not cover (so it barely
  /// discriminates), with why: it keeps its verdict, value and margin, needs no wrong-regime control, and cannot
  /// support a "reproduced" verdict on its own (issue 24).
  case consistencyCheck(String)

  public var label: String {
    switch self {
    case .prediction: return "prediction"
    case .codeCheck: return "code check"
    case .consistencyCheck: return "consistency check"
    }
  }

  /// Why a check is not a prediction; nil for a prediction.
  public var why: String? {
    switch self {
    case .prediction: return nil
    case .codeCheck(let why), .consistencyCheck(let why): return why
    }
  }
}
