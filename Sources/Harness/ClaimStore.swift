import Foundation
import HDF5

/// The verdicts of an experiment's claims, stored in its result file as the
/// group `/claims` (one subgroup per verdict, `c000`, `c001`, …, with
/// attributes statement, reason, bound, observed, value, holds), so the
/// gallery and other readers see them without the harness.
public enum ClaimStore {
  /// A verdict with the reason of its claim, as stored.
  public struct Entry: Sendable, Equatable {
    public var verdict: Verdict
    public var reason: String
  }

  /// Evaluates every claim of the experiment on its results.
  public static func evaluate(_ experiment: any Experiment.Type, _ results: Results) -> [Entry] {
    experiment.claims.flatMap { claim in claim.evaluate(results).map { Entry(verdict: $0, reason: claim.reason) } }
  }

  /// Replaces `/claims` in the result file, atomically.
  public static func store(_ entries: [Entry], in path: String) throws {
    let file = try H5File.update(atomicallyAt: path)
    if file.root.contains("claims") { try file.root.remove("claims") }
    let group = try file.root.createGroup("claims")
    try group.setAttribute("all_hold", .int(entries.allSatisfy(\.verdict.holds) ? 1 : 0))
    for (k, e) in entries.enumerated() {
      let g = try group.createGroup(String(format: "c%03d", k))
      try g.setAttribute("statement", .string(e.verdict.statement))
      try g.setAttribute("reason", .string(e.reason))
      try g.setAttribute("bound", .string(e.verdict.bound))
      try g.setAttribute("observed", .string(e.verdict.observed))
      try g.setAttribute("value", .double(e.verdict.value))
      try g.setAttribute("holds", .int(e.verdict.holds ? 1 : 0))
      if let known = e.verdict.knownFailure { try g.setAttribute("known_failure", .string(known)) }
    }
    try file.commit()
  }

  /// The stored verdicts, in order; nil when the file has none.
  public static func read(_ path: String) -> [Entry]? {
    guard let file = try? H5File.open(path), file.root.contains("claims"),
      let group = try? file.root.group("claims"), let names = try? group.children()
    else { return nil }
    return names.compactMap { name -> Entry? in
      guard let g = try? group.group(name) else { return nil }
      func text(_ a: String) -> String {
        if case .string(let s)? = try? g.attribute(a) { return s }
        return ""
      }
      var value = Double.nan
      if case .double(let v)? = try? g.attribute("value") { value = v }
      var holds = false
      if case .int(let h)? = try? g.attribute("holds") { holds = h == 1 }
      let known = text("known_failure")
      return Entry(
        verdict: Verdict(
          statement: text("statement"), bound: text("bound"), observed: text("observed"), value: value, holds: holds,
          knownFailure: known.isEmpty ? nil : known),
        reason: text("reason"))
    }
  }
}
