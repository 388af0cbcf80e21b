import Figures

/// A series that summarises samples: the figure model (`Figures`) knows nothing of statistics, so the summary
/// is built here, with the harness's `Statistics` (a NaN is a gap, never dropped).
extension Series {
  /// The median of each sample at its x, with the quartiles as error bars, labelled with what the bars
  /// are: `"<label> (median; bars: quartiles over <over>)"`. A sample with a NaN has a NaN median (a gap).
  public static func median(
    _ label: String, x: [Double], samples: [[Double]], over: String, style: Style = .linesPoints,
    color: Int? = nil, marker: Int? = nil
  ) -> Series {
    Series(
      label: "\(label) (median; bars: quartiles over \(over))", x: x, y: samples.map(Statistics.median),
      low: samples.map { Statistics.quantile($0, 0.25) }, high: samples.map { Statistics.quantile($0, 0.75) },
      style: style, color: color, marker: marker)
  }
}
