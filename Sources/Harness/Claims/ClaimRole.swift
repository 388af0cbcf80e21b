/// What a claim is: a prediction of the paper (it needs a control), or a check of the code.
public enum ClaimRole: Sendable, Equatable {
  case prediction
  /// A theorem or identity the implementation must satisfy, with why it is not a prediction.
  case codeCheck(String)

  public var label: String {
    switch self {
    case .prediction: return "prediction"
    case .codeCheck: return "code check"
    }
  }
}
