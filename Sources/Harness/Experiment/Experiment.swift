import Figures
import Numerics

/// One theorem or figure of a paper, declared in one file under `experiments/`.
///
/// A module states who it is (id, paper, what it reproduces), its parameters
/// with their presets, the body that computes one sweep point, and the
/// figures drawn from its results. The harness does everything else:
/// expanding sweeps, seeding, running in parallel, writing HDF5, drawing.
public protocol Experiment: Sendable {
  /// `<paper>-<name>`, e.g. `vardi2022-flip-vs-dim`; the file is `experiments/<paper>/<name>.swift`.
  static var id: String { get }
  /// The paper key (`vardi2022`).
  static var paper: String { get }
  /// The theorem, prediction or figure exhibited, in the paper's terms.
  static var reproduces: String { get }
  /// One sentence: what the results show.
  static var summary: String { get }
  /// Parameters in the order they are shown; presets `paper` and `quick`.
  static var parameters: [Parameter] { get }

  /// The parameters this module's draws are paired across (common random numbers), e.g. `["s"]`: every point
  /// that differs only in them gets the same `rng`, so a comparison across them compares settings, not draws.
  /// Default none: every point has a stream of its own. Every name must be a parameter (the runner refuses a
  /// misspelt one, which would silently break the pairing).
  static var pairedAcross: [String] { get }

  /// Computes one sweep point. `rng` is the point's stream, handed by the runner: keyed by the experiment id and
  /// the point's values without `pairedAcross` (`Point.streamKey(experiment:excluding:)`). Data shared by several
  /// modules is drawn from a named stream instead (`Point.sharedStream(_:by:)`).
  static func run(_ point: Point, rng: inout RandomSource) throws -> Record

  /// The figures, computed from the results read back from the file.
  static func figures(_ results: Results) throws -> [Figure]

  /// The paper's predictions as checks on the results, each threshold with its reason.
  static var claims: [Claim] { get }

  /// What one point needs in memory, from its shapes (`MemoryEstimate`); every module declares it (a test
  /// holds each to that), nil only for the harness's own test modules.
  static func memory(_ point: Point) -> MemoryEstimate?

  /// The work of one point, from its shapes (`CostEstimate`), for `repro run --dry-run`'s time estimate; nil
  /// for a module without a cost model (its estimate then scales the stored baseline's time per point).
  static func cost(_ point: Point) -> CostEstimate?
}

extension Experiment {
  public static func memory(_ point: Point) -> MemoryEstimate? { nil }
  public static func cost(_ point: Point) -> CostEstimate? { nil }
  public static var pairedAcross: [String] { [] }
}

// Baseline tolerances are not declared by modules: `repro sensitivity` measures how far each dataset
// moves under perturbed rounding, and `repro diff` derives every tolerance from that measurement.
extension Experiment {
  /// The part of the id after the paper key: the module's file stem.
  public static var name: String {
    id.hasPrefix(paper + "-") ? String(id.dropFirst(paper.count + 1)) : id
  }
}

/// The presets every module defines (`cluster` defaults to `paper` for every parameter that declares none).
public enum Preset: String, Sendable, CaseIterable {
  /// The figures: the settings the paper's claims are judged at.
  case paper
  /// Seconds, for CI: the same code on smaller sizes.
  case quick
  /// Optional, for `repro submit`: a finer grid (a regime map's), from each parameter's `cluster:` values (default:
  /// the paper's). It has no baselines and `make check`/`make test` never run it (`Preset.hasBaselines`).
  case cluster
}
