import Foundation
import HDF5

/// How far each dataset of an experiment moves when only rounding changes: measured by rerunning it
/// under other BLAS kernels (`OPENBLAS_CORETYPE`) and with its random inputs moved by one ulp
/// (`REPRO_PERTURB_INPUTS=1`), and comparing each rerun with the reference run, row by row and at each
/// comparison level. Stored beside the baseline (`<baselines>/<preset>/<id>.sensitivity.json`);
/// `repro diff` sets every tolerance from it, and from nothing else.
public struct SensitivityReport: Sendable, Codable, Equatable {
  /// Tolerance = `safetyFactor` × the largest move measured (and never below `Tolerance.tight`). A few
  /// kernels are sampled, not all: the factor covers kernels not tried (and other CPUs' libm), and still
  /// leaves a rounding-level tolerance (1e-15 → 1e-14) ten orders of magnitude below a 1% regression.
  public static let safetyFactor = 10.0
  /// A row is rounding-sensitive when its tolerance would exceed this relative bound at the raw level
  /// (a move above 1e-4 under rounding alone): a 1% regression would then no longer stand out, so the
  /// row is also compared at the aggregate levels.
  public static let stableBound = 1e-3

  public var experiment: String
  public var preset: String
  /// The sources and parameters the measurement was made with.
  public var codeFingerprint: String
  public var parameters: String
  public var referencePlatform: String
  /// What each rerun changed, e.g. "OPENBLAS_CORETYPE=Haswell", "REPRO_PERTURB_INPUTS=1".
  public var variants: [String]
  public var safetyFactor: Double
  /// Row → level → the largest move over the variants.
  public var rows: [String: [String: Movement]]
  public var claims: [ClaimMovement]

  /// How far one claim's observed value moved, and in how many variants its verdict changed.
  public struct ClaimMovement: Sendable, Codable, Equatable {
    public var index: Int
    public var statement: String
    public var movement: Movement
    public var verdictChanges: Int
  }

  public static func path(_ id: String, preset: Preset, root: String) -> String {
    "\(root)/\(preset.rawValue)/\(id).sensitivity.json"
  }

  /// Compares every variant's result with the reference result.
  public static func measure(
    experiment: any Experiment.Type, preset: Preset, reference: String, variants: [(label: String, path: String)]
  ) throws -> SensitivityReport {
    let base = try Results.read(reference)
    let ref = try ResultNumbers.read(reference)
    var rows: [String: [String: Movement]] = [:]
    for (name, levels) in ref.rows {
      rows[name] = Dictionary(uniqueKeysWithValues: levels.keys.map { ($0.rawValue, Movement.none) })
    }
    var claims = ref.claims.enumerated().map { k, e in
      ClaimMovement(index: k, statement: e.verdict.statement, movement: .none, verdictChanges: 0)
    }
    for variant in variants {
      let other = try ResultNumbers.read(variant.path)
      for (name, levels) in ref.rows {
        for (level, values) in levels {
          let moved = other.rows[name]?[level].map { Movement($0, from: values) } ?? .unbounded
          rows[name]![level.rawValue] = rows[name]![level.rawValue]!.union(moved)
        }
      }
      for k in claims.indices {
        guard k < other.claims.count, other.claims[k].verdict.statement == ref.claims[k].verdict.statement else {
          claims[k].movement = .unbounded
          claims[k].verdictChanges += 1
          continue
        }
        let a = other.claims[k].verdict
        let b = ref.claims[k].verdict
        claims[k].movement = claims[k].movement.union(Movement([a.value], from: [b.value]))
        if a.holds != b.holds { claims[k].verdictChanges += 1 }
      }
    }
    return SensitivityReport(
      experiment: experiment.id, preset: preset.rawValue, codeFingerprint: base.string("code_fingerprint"),
      parameters: base.string("parameters"),
      referencePlatform: Platform(attributes: base.attributes)?.summary ?? "unknown",
      variants: variants.map(\.label), safetyFactor: safetyFactor, rows: rows, claims: claims)
  }

  /// The measured move of a row at a level, if measured.
  public func movement(_ row: String, _ level: ComparisonLevel) -> Movement? { rows[row]?[level.rawValue] }

  /// The tolerance the diff uses for a row at a level: the safety factor times the measured move,
  /// never below `Tolerance.tight`; `.tight` for a row that was not measured.
  public func tolerance(_ row: String, _ level: ComparisonLevel) -> Tolerance {
    guard let m = movement(row, level) else { return .tight }
    return Self.tolerance(for: m, factor: safetyFactor)
  }

  static func tolerance(for m: Movement, factor: Double) -> Tolerance {
    Tolerance(
      absolute: max(Tolerance.tight.absolute, factor * m.absolute),
      relative: max(Tolerance.tight.relative, factor * m.relative))
  }

  /// Whether rounding alone moves the row too far for its raw numbers to tell a 1% regression.
  public func isRoundingSensitive(_ row: String) -> Bool {
    guard let m = movement(row, .raw) else { return false }
    return safetyFactor * m.relative > Self.stableBound
  }

  /// The claim's tolerance on its observed value.
  public func claimTolerance(_ index: Int) -> Tolerance {
    guard index < claims.count else { return .tight }
    return Self.tolerance(for: claims[index].movement, factor: safetyFactor)
  }

  // MARK: Storage

  static let encoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys]
    e.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return e
  }()

  static let decoder: JSONDecoder = {
    let d = JSONDecoder()
    d.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return d
  }()

  /// Writes the report atomically.
  public func write(to path: String) throws {
    // Never a file that `read` would refuse: a row whose move could not be bounded (a variant lost it, or
    // turned its numbers NaN) is no tolerance at all.
    if let refusal {
      throw ReproError.failed(
        "cannot store the sensitivity of \(experiment) at \(path): \(refusal); see why the reruns differ (`repro diff` between them) and measure again"
      )
    }
    do {
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try (try Self.encoder.encode(self) + Data("\n".utf8)).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw ReproError.failed("cannot write \(path): \(fileSystemReason(error, path: path))")
    }
  }

  /// The stored report, nil when there is none; an unreadable one is an error naming the fix.
  public static func read(_ path: String) throws -> SensitivityReport? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let report: SensitivityReport
    do { report = try decoder.decode(SensitivityReport.self, from: data) } catch {
      throw ReproError.missing("\(path) is unreadable (\(oneLine(error))); remeasure it with `repro sensitivity`")
    }
    if let refusal = report.refusal {
      throw ReproError.missing(
        "\(path) is not a sensitivity to trust: \(refusal); remeasure it with `repro sensitivity \(report.experiment) --preset \(report.preset)`"
      )
    }
    return report
  }
}

/// The reruns `repro sensitivity` makes: each changes only rounding.
public enum RoundingVariant: Sendable, Equatable {
  /// OpenBLAS forced to another core type's kernels.
  case blasCore(String)
  /// OpenBLAS choosing its kernels for the CPU itself (`OPENBLAS_CORETYPE` unset), when the reference forces a core.
  case blasOwnChoice
  /// Every normal draw moved up by one ulp (see `RandomSource.perturbsInputs`).
  case inputsPlusOneUlp

  public var label: String {
    switch self {
    case .blasCore(let core): return "OPENBLAS_CORETYPE=\(core)"
    case .blasOwnChoice: return "OPENBLAS_CORETYPE unset"
    case .inputsPlusOneUlp: return "REPRO_PERTURB_INPUTS=1"
    }
  }

  /// The environment variable that makes the variant, and its value (nil: unset it).
  public var environment: (name: String, value: String?) {
    switch self {
    case .blasCore(let core): return ("OPENBLAS_CORETYPE", core)
    case .blasOwnChoice: return ("OPENBLAS_CORETYPE", nil)
    case .inputsPlusOneUlp: return ("REPRO_PERTURB_INPUTS", "1")
    }
  }

  /// The reruns that change rounding relative to a reference run in `environment`: every runnable core
  /// type but the one the reference forces, OpenBLAS's own choice if the reference forces one, and the
  /// 1-ulp change of the inputs.
  public static func all(
    coreTypes: [String], environment: [String: String] = ProcessInfo.processInfo.environment, ulp: Bool = true
  ) -> [RoundingVariant] {
    let forced = environment["OPENBLAS_CORETYPE"].flatMap { $0.isEmpty ? nil : $0 }
    var variants = coreTypes.filter { $0.lowercased() != forced?.lowercased() }.map(RoundingVariant.blasCore)
    if forced != nil { variants.append(.blasOwnChoice) }
    if ulp { variants.append(.inputsPlusOneUlp) }
    return variants
  }

  /// x86-64 core types whose kernels differ in their products, with the CPU features each needs.
  public static let coreTypes: [(name: String, needs: [String])] = [
    ("Sandybridge", ["avx"]),
    ("Haswell", ["avx2", "fma"]),
    ("Zen", ["avx2", "fma"]),
    ("SkylakeX", ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]),
  ]

  /// The core types this CPU can run (none off x86-64, where OPENBLAS_CORETYPE does not apply).
  public static func runnableCoreTypes(cpuinfo: String? = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))
    -> [String]
  {
    guard let cpuinfo, let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else {
      return []
    }
    let flags = Set(line.split(separator: " ").map(String.init))
    return coreTypes.filter { $0.needs.allSatisfy(flags.contains) }.map(\.name)
  }
}
