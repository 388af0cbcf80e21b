/// The resolved parameters of one run: a preset, then the user's `--set`
/// overrides, validated against the declarations. Expands to sweep points.
public struct Configuration: Sendable {
  public let experiment: String
  public let preset: Preset
  public let parameters: [Parameter]
  /// Values in declaration order.
  public let values: [(name: String, values: [Value])]
  /// Names the user overrode.
  public let overridden: [String]

  /// - Parameter overrides: `name=value[,value…]` strings, as given to `--set`.
  public init(experiment: any Experiment.Type, preset: Preset, overrides: [String] = []) throws(ReproError) {
    self.experiment = experiment.id
    self.preset = preset
    self.parameters = experiment.parameters
    var values = parameters.map { ($0.name, $0.presets[preset.rawValue] ?? []) }
    var overridden: [String] = []
    let names = parameters.map(\.name)
    for item in overrides {
      guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
        throw .badValue("--set '\(item)' is not name=value: write e.g. --set \(names.first ?? "n")=10")
      }
      let name = String(item[..<eq]).trimmingCharacters(in: .whitespaces)
      let text = String(item[item.index(after: eq)...])
      guard let k = names.firstIndex(of: name) else {
        throw .badValue(
          "\(experiment.id) has no parameter '\(name)'\(suggestion(for: name, among: names)); `repro list \(experiment.id)` shows them"
        )
      }
      guard !overridden.contains(name) else {
        throw .badValue(
          "parameter '\(name)' is set twice: give it once (a list for a sweep, e.g. --set \(name)=a,b)")
      }
      values[k].1 = try parameters[k].parseList(text)
      overridden.append(name)
    }
    self.values = values.map { (name: $0.0, values: $0.1) }
    self.overridden = overridden
  }

  /// The names with more than one value (and `seed` when there are several seeds): what a point label shows.
  public var sweptNames: [String] {
    values.compactMap { entry in
      if entry.name == Parameter.seedsName { return seedCount > 1 ? "seed" : nil }
      return entry.values.count > 1 ? entry.name : nil
    }
  }

  public var seedCount: Int {
    guard let v = values.first(where: { $0.name == Parameter.seedsName })?.values.first, case .int(let k) = v else {
      return 1
    }
    return k
  }

  /// The product of all lists, the first-declared parameter outermost and the seed innermost.
  public var points: [Point] {
    var combos: [[(name: String, value: Value)]] = [[]]
    for entry in values where entry.name != Parameter.seedsName {
      combos = combos.flatMap { prefix in entry.values.map { prefix + [(entry.name, $0)] } }
    }
    let seeds = values.contains { $0.name == Parameter.seedsName } ? seedCount : 1
    var points: [Point] = []
    for combo in combos {
      for s in 0..<seeds {
        points.append(Point(index: points.count, values: combo + [("seed", .int(s))]))
      }
    }
    return points
  }

  /// {"d":[250,500],"n":[20],"seeds":[5]} in declaration order.
  public var json: String {
    "{"
      + values.map { entry in
        "\(jsonString(entry.name)):[" + entry.values.map(\.json).joined(separator: ",") + "]"
      }.joined(separator: ",") + "}"
  }
}
