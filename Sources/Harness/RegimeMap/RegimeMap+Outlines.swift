import Figures

extension RegimeMap {
  /// The map's two measured boundaries as outlines, and a sentence for the caption on the cell edges they share.
  ///
  /// Drawn in this order: the prediction's boundary wide and orange; the premise's narrow, black and solid where it
  /// runs apart from it; and where both run along the same cell edge, the premise's black and dashed on top of the
  /// prediction's orange, so that a reader sees both lines there (a solid black line would hide the orange under it).
  /// The sentence is nil when no edge is shared.
  func outlines(_ grid: Grid) -> (outlines: [Outline], shared: String?) {
    func differs(_ side: KeyPath<Cell, Bool>) -> (Cell, Cell) -> Bool {
      { $0[keyPath: side] != $1[keyPath: side] }
    }
    let (onPrediction, onPremise) = (differs(\.predictionHolds), differs(\.premiseHolds))
    func edges(_ separates: (Cell, Cell) -> Bool) -> [(Outline.Point, Outline.Point)] {
      grid.edges(logX: logColumns, logY: logRows, separates: separates)
    }
    let prediction = edges(onPrediction)
    let premiseApart = edges { onPremise($0, $1) && !onPrediction($0, $1) }
    let shared = edges { onPremise($0, $1) && onPrediction($0, $1) }
    let premiseText = "premise boundary, measured (\(premiseLabel) \(premiseHolds.text) holds | fails)"
    var out: [Outline] = []
    if !prediction.isEmpty {
      out.append(
        Outline(
          label: "prediction boundary (median \(self.prediction.text) holds | fails)", paths: Grid.chain(prediction),
          color: 1, width: 7))
    }
    if !premiseApart.isEmpty {
      out.append(Outline(label: premiseText, paths: Grid.chain(premiseApart), width: 2.5))
    }
    if !shared.isEmpty {
      // One line in the key (gnuplot overlaps a two-line entry with the next): the caption says more.
      let label =
        premiseApart.isEmpty
        ? premiseText + ", dashed on the orange line"
        : "premise boundary where it coincides with the prediction's (black dashes on orange)"
      out.append(Outline(label: label, paths: Grid.chain(shared), dashed: true, width: 3))
    }
    return (
      out, Self.sharedSentence(shared: shared.count, prediction: prediction.count, premise: edges(onPremise).count)
    )
  }

  /// "The prediction's and the premise's boundaries coincide: …" from the counts of cell edges; nil when none is
  /// shared.
  static func sharedSentence(shared: Int, prediction: Int, premise: Int) -> String? {
    guard shared > 0 else { return nil }
    func edges(_ n: Int) -> String { n == 1 ? "1 cell edge" : "\(n) cell edges" }
    if shared == prediction, shared == premise {
      return
        "The prediction's and the premise's boundaries coincide (the same \(edges(shared))): the premise's is drawn in black dashes on the prediction's orange line."
    }
    return
      "The prediction's and the premise's boundaries share \(edges(shared)) (of the prediction's \(prediction) and the premise's \(premise)), drawn in black dashes on orange."
  }
}
