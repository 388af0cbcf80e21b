import Figures
import Foundation

/// The legend (gnuplot's key): where it goes, and each element's entry.
extension Gnuplot {
  /// `set key ...`: inside the frame at the figure's position words (anything else falls back to `top
  /// left`), boxed and opaque so it stays readable over data; or outside the frame, right of it or below.
  static func legend(_ legend: Legend) -> String {
    let style = "box lc rgb \"#808080\" Left reverse"
    switch legend.placement {
    case .off: return "unset key"
    case .outsideRight: return "set key outside right top vertical \(style)"
    // No box below the frame: gnuplot leaves no room for one between the key and the x label.
    case .below: return "set key below center horizontal Left reverse"
    case .inside(let words):
      let trimmed = words.trimmingCharacters(in: .whitespaces)
      if ["off", "none", "no"].contains(trimmed.lowercased()) { return "unset key" }
      let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: " ,.-+"))
      let safe =
        !trimmed.isEmpty && trimmed.unicodeScalars.allSatisfy { allowed.contains($0) && $0.isASCII }
      return "set key \(safe ? trimmed : "top left") opaque \(style)"
    }
  }

  /// `title "..."` (enhanced only with markup), or `notitle` for an empty label.
  static func keyTitle(_ s: Series) -> String {
    s.label.isEmpty ? "notitle" : "title \(text(s.label))"
  }
}
