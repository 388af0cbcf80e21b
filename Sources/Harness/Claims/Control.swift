/// A negative control: a run of the same module, at its quick preset with other parameters, on which
/// the claim's prediction must not hold (an under-trained network, the attack replaced by a random
/// direction, s large instead of small). A claim that also holds there proves nothing.
public struct Control: Sendable, Equatable {
  public let description: String
  public let overrides: [String]

  public init(description: String, overrides: [String]) {
    self.description = description
    self.overrides = overrides
  }

  /// "max_steps=2 direction=random": the parameters, as a user would type them after --set.
  public var settings: String { overrides.joined(separator: " ") }

  /// A directory name for the control's results: "max_steps-2_direction-random".
  public var slug: String {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._")
    return String(
      overrides.joined(separator: "_").map { allowed.contains($0) ? $0 : "-" })
  }
}
