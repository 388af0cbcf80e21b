/// A short text at a point of the plane, centred a little above it (in data coordinates).
public struct Note: Sendable, Equatable {
  public var x: Double
  public var y: Double
  public var text: String
  /// The measured series (index into `Figure.series`) whose colour the text takes; nil: black.
  public var color: Int?
  /// Which end of the text sits over the point (`left`: the text runs to the right of it).
  public var align: Align

  public enum Align: String, Sendable { case left, center, right }

  public init(x: Double, y: Double, _ text: String, color: Int? = nil, align: Align = .center) {
    self.x = x
    self.y = y
    self.text = text
    self.color = color
    self.align = align
  }
}
