import Foundation

/// A declared experiment parameter: name, type and valid range, a help line,
/// and its value in each preset. A parameter declared with `sweep: true` takes
/// a list; the runner expands the product of all lists into sweep points.
public struct Parameter: Sendable {
  public enum Kind: Sendable, Equatable {
    case int(ClosedRange<Int>)
    case real(ClosedRange<Double>)
    case choice([String])
  }

  public let name: String
  public let help: String
  public let kind: Kind
  public let isSweep: Bool
  /// Preset name → values (one value unless a sweep).
  public let presets: [String: [Value]]

  /// The number of seeds is a parameter like any other, with one difference: it becomes the
  /// sweep dimension `seed` = 0, 1, …, seeds−1.
  public static let seedsName = "seeds"

  /// `cluster`: the values of the optional `cluster` preset (a finer grid for `repro submit`); nil: the paper's.
  init(name: String, help: String, kind: Kind, isSweep: Bool, paper: [Value], quick: [Value], cluster: [Value]? = nil) {
    self.name = name
    self.help = help
    self.kind = kind
    self.isSweep = isSweep
    self.presets = ["paper": paper, "quick": quick, "cluster": cluster ?? paper]
  }

  // MARK: Declarations

  public static func int(
    _ name: String, _ help: String, paper: Int, quick: Int, cluster: Int? = nil, in range: ClosedRange<Int>
  ) -> Parameter {
    Parameter(
      name: name, help: help, kind: .int(range), isSweep: false, paper: [.int(paper)], quick: [.int(quick)],
      cluster: cluster.map { [.int($0)] })
  }

  public static func int(
    _ name: String, _ help: String, paper: [Int], quick: [Int], cluster: [Int]? = nil, in range: ClosedRange<Int>
  ) -> Parameter {
    Parameter(
      name: name, help: help, kind: .int(range), isSweep: true, paper: paper.map(Value.int),
      quick: quick.map(Value.int),
      cluster: cluster?.map(Value.int))
  }

  public static func real(
    _ name: String, _ help: String, paper: Double, quick: Double, cluster: Double? = nil, in range: ClosedRange<Double>
  ) -> Parameter {
    Parameter(
      name: name, help: help, kind: .real(range), isSweep: false, paper: [.real(paper)], quick: [.real(quick)],
      cluster: cluster.map { [.real($0)] })
  }

  public static func real(
    _ name: String, _ help: String, paper: [Double], quick: [Double], cluster: [Double]? = nil,
    in range: ClosedRange<Double>
  ) -> Parameter {
    Parameter(
      name: name, help: help, kind: .real(range), isSweep: true, paper: paper.map(Value.real),
      quick: quick.map(Value.real), cluster: cluster?.map(Value.real))
  }

  /// One of a fixed set of names, e.g. an enum's raw values.
  public static func choice<E: RawRepresentable & CaseIterable>(
    _ name: String, _ help: String, paper: E, quick: E, cluster: E? = nil
  ) -> Parameter where E.RawValue == String {
    Parameter(
      name: name, help: help, kind: .choice(E.allCases.map(\.rawValue)), isSweep: false,
      paper: [.text(paper.rawValue)], quick: [.text(quick.rawValue)], cluster: cluster.map { [.text($0.rawValue)] })
  }

  public static func choice<E: RawRepresentable & CaseIterable>(
    _ name: String, _ help: String, paper: [E], quick: [E], cluster: [E]? = nil
  ) -> Parameter where E.RawValue == String {
    Parameter(
      name: name, help: help, kind: .choice(E.allCases.map(\.rawValue)), isSweep: true,
      paper: paper.map { .text($0.rawValue) }, quick: quick.map { .text($0.rawValue) },
      cluster: cluster?.map { .text($0.rawValue) })
  }

  /// Independent repetitions: the sweep dimension `seed` runs over 0..<seeds.
  public static func seeds(paper: Int, quick: Int, cluster: Int? = nil) -> Parameter {
    Parameter(
      name: seedsName, help: "independent repetitions (random data and initialisation per seed)",
      kind: .int(1...10_000), isSweep: false, paper: [.int(paper)], quick: [.int(quick)],
      cluster: cluster.map { [.int($0)] })
  }

  // MARK: Parsing and validation

  /// The kind in words, for help and errors: "integer in 2...100000".
  public var kindDescription: String {
    switch kind {
    case .int(let r): return "integer in \(r.lowerBound)...\(r.upperBound)"
    case .real(let r): return "number in \(formatReal(r.lowerBound))...\(formatReal(r.upperBound))"
    case .choice(let names): return "one of \(names.joined(separator: ", "))"
    }
  }

  /// Parses `text` (one value) and checks its range.
  public func parse(_ text: String) throws(ReproError) -> Value {
    let t = text.trimmingCharacters(in: .whitespaces)
    let value: Value
    switch kind {
    case .int(let r):
      guard let i = Int(t) ?? Double(t).flatMap({ $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }) else {
        throw .badValue("parameter '\(name)' takes an integer, got '\(text)'")
      }
      guard r.contains(i) else {
        throw .badValue("parameter '\(name)' = \(i) is out of range: it must be an \(kindDescription)")
      }
      value = .int(i)
    case .real(let r):
      guard let x = Double(t), x.isFinite else {
        throw .badValue("parameter '\(name)' takes a number, got '\(text)'")
      }
      guard r.contains(x) else {
        throw .badValue("parameter '\(name)' = \(t) is out of range: it must be a \(kindDescription)")
      }
      // −0 is 0: the same point, the same random stream and the same bytes in the result, however it is written.
      value = .real(x == 0 ? 0 : x)
    case .choice(let names):
      guard names.contains(t) else {
        throw .badValue(
          "parameter '\(name)' must be \(kindDescription), got '\(text)'\(suggestion(for: t, among: names))")
      }
      value = .text(t)
    }
    return value
  }

  /// Parses a comma-separated list; more than one value only for sweeps.
  public func parseList(_ text: String) throws(ReproError) -> [Value] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard !parts.isEmpty, parts.allSatisfy({ !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
      throw .badValue("parameter '\(name)' needs a value: --set \(name)=VALUE")
    }
    if parts.count > 1 && !isSweep {
      throw .badValue("parameter '\(name)' takes one value, not a list (it is not a sweep)")
    }
    var values: [Value] = []
    for p in parts { values.append(try parse(p)) }
    if Set(values).count != values.count {
      throw .badValue("parameter '\(name)' lists a value twice: \(text)")
    }
    return values
  }
}
