import Figures

extension RegimeMap {
  /// The cells on their grid: the distinct columns (x) and rows (y), ascending, and the cell at each (row, column)
  /// index pair, nil where the map has no points.
  struct Grid {
    var columns: [Double]
    var rows: [Double]
    var cells: [[Cell?]]

    init(_ cells: [Cell]) {
      columns = Set(cells.map(\.column)).sorted()
      rows = Set(cells.map(\.row)).sorted()
      var grid = [[Cell?]](repeating: [Cell?](repeating: nil, count: columns.count), count: rows.count)
      for c in cells { grid[rows.firstIndex(of: c.row)!][columns.firstIndex(of: c.column)!] = c }
      self.cells = grid
    }

    /// The staircase between neighbouring cells on which `side` differs, along the cells' edges (`HeatMap.cellEdges`,
    /// geometric on a log axis), chained into paths; exact on the grid, no interpolation.
    func boundary(logX: Bool, logY: Bool, _ side: (Cell) -> Bool) -> [[Outline.Point]] {
      Self.chain(edges(logX: logX, logY: logY) { side($0) != side($1) })
    }

    /// The edges between neighbouring cells that `separates` (left or lower cell, right or upper cell), unchained,
    /// each a segment along the cells' edges.
    func edges(
      logX: Bool, logY: Bool, separates: (Cell, Cell) -> Bool
    ) -> [(Outline.Point, Outline.Point)] {
      let xEdges = HeatMap.cellEdges(columns, log: logX)
      let yEdges = HeatMap.cellEdges(rows, log: logY)
      var segments: [(Outline.Point, Outline.Point)] = []
      for i in rows.indices {
        for j in columns.indices {
          guard let c = cells[i][j] else { continue }
          if j + 1 < columns.count, let right = cells[i][j + 1], separates(c, right) {
            let x = xEdges[j].1
            segments.append((Outline.Point(x, yEdges[i].0), Outline.Point(x, yEdges[i].1)))
          }
          if i + 1 < rows.count, let above = cells[i + 1][j], separates(c, above) {
            let y = yEdges[i].1
            segments.append((Outline.Point(xEdges[j].0, y), Outline.Point(xEdges[j].1, y)))
          }
        }
      }
      return segments
    }

    /// Segments joined end to end into paths where they meet (and only two meet); each segment is used once.
    static func chain(_ segments: [(Outline.Point, Outline.Point)]) -> [[Outline.Point]] {
      func key(_ p: Outline.Point) -> [Double] { [p.x, p.y] }
      var at: [[Double]: [Int]] = [:]
      for (k, s) in segments.enumerated() {
        at[key(s.0), default: []].append(k)
        at[key(s.1), default: []].append(k)
      }
      var used = [Bool](repeating: false, count: segments.count)
      // The next unused segment at `p` when exactly two segments meet there (a corner or a straight run).
      func next(_ p: Outline.Point) -> Int? {
        guard let here = at[key(p)], here.count == 2 else { return nil }
        return here.first { !used[$0] }
      }
      var paths: [[Outline.Point]] = []
      // Start at ends (points where one or more than two segments meet) first, then close the loops.
      let order = segments.indices.sorted { a, b in
        let ends = { (k: Int) in at[key(segments[k].0)]!.count != 2 || at[key(segments[k].1)]!.count != 2 }
        return ends(a) && !ends(b)
      }
      for start in order where !used[start] {
        used[start] = true
        var (first, last) = segments[start]
        if at[key(first)]!.count == 2, at[key(last)]!.count != 2 { swap(&first, &last) }
        var path = [first, last]
        while let k = next(path.last!) {
          used[k] = true
          let s = segments[k]
          path.append(key(s.0) == key(path.last!) ? s.1 : s.0)
        }
        paths.append(path)
      }
      return paths
    }
  }
}
