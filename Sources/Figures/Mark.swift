/// A labelled line across the whole frame: vertical at an x, or horizontal at a y.
public struct Mark: Sendable, Equatable {
  /// `Mark.Axis` is the figure's `Axis` (`.x`, `.y`).
  public typealias Axis = Figures.Axis
  public var axis: Axis
  public var value: Double
  public var label: String
  /// The measured series (index into `Figure.series`) the mark belongs to: drawn in its colour. Nil: the
  /// colour of a prediction.
  public var color: Int?

  public init(_ axis: Axis, at value: Double, _ label: String, color: Int? = nil) {
    self.axis = axis
    self.value = value
    self.label = label
    self.color = color
  }

  public static func x(_ value: Double, _ label: String, color: Int? = nil) -> Mark {
    Mark(.x, at: value, label, color: color)
  }

  public static func y(_ value: Double, _ label: String, color: Int? = nil) -> Mark {
    Mark(.y, at: value, label, color: color)
  }
}
