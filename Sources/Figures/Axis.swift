/// One of a figure's two axes: where a `Mark` stands, which coordinates a range is fitted to.
public enum Axis: Sendable { case x, y }
