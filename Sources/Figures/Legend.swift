import Foundation

/// Where a figure's legend goes.
public struct Legend: Sendable, Equatable, ExpressibleByStringLiteral {
  public enum Placement: Sendable, Equatable {
    /// Inside the frame, at gnuplot's position words (`top left`, `bottom right`, …).
    case inside(String)
    /// Right of the frame, top-aligned: the frame narrows, the legend never covers data.
    case outsideRight
    /// Under the frame, entries in columns: the frame gets shorter, the legend never covers data.
    case below
    /// No legend.
    case off
  }
  public var placement: Placement

  public init(_ placement: Placement) { self.placement = placement }

  /// Position words: `off`/`none`, `outside right` (or `outside`), `below` (or `outside bottom`), or
  /// anything gnuplot takes inside the frame (`top left`, …).
  public init(stringLiteral words: String) {
    let w = words.trimmingCharacters(in: .whitespaces).lowercased()
    switch w {
    case "off", "none", "no": placement = .off
    case "outside", "outside right", "right outside": placement = .outsideRight
    case "below", "outside bottom", "bottom outside", "under": placement = .below
    default: placement = .inside(words)
    }
  }

  public static let outsideRight = Legend(.outsideRight)
  public static let below = Legend(.below)
  public static let off = Legend(.off)
  public static func inside(_ words: String) -> Legend { Legend(.inside(words)) }

  /// True when the legend sits outside the frame (or there is none): it cannot cover data.
  public var clearOfData: Bool {
    if case .inside = placement { return false }
    return true
  }
}
