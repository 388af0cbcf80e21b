import Foundation
import Testing

/// Issue 21, items 3 and 14: what changes the numbers keys the point store, and the fixes the store's
/// errors and hints name work as typed.
@Suite struct StoreKeyCLITests {
  typealias CLI = CLITests

  /// `repro` with extra environment variables.
  static func repro(_ args: [String], in dir: String, environment: [String: String]) throws -> CLI.Outcome {
    try CLI.repro(args, in: dir, environment: environment)
  }

  /// Whether OpenBLAS's Sandybridge kernels can run here.
  static let cpuHasAVX =
    ((try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "").split(separator: "\n").contains {
      $0.hasPrefix("flags") && $0.split(separator: " ").contains("avx")
    }

  /// A run under perturbed inputs or forced BLAS kernels shares no stored point with an ordinary run.
  @Test(arguments: [["REPRO_PERTURB_INPUTS": "1"]] + (cpuHasAVX ? [["OPENBLAS_CORETYPE": "Sandybridge"]] : []))
  func theNumericEnvironmentKeysTheStore(_ environment: [String: String]) throws {
    let dir = CLI.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let id = "gao2019-lazy"
    let run = ["run", id, "--preset", "quick", "--quiet", "--jobs", "1"]
    let odd = try Self.repro(run, in: dir, environment: environment)
    #expect(odd.status == 0, "\(odd.stderr)")
    let ordinary = try CLI.repro(run, in: dir)
    #expect(ordinary.status == 0 && !ordinary.stdout.contains("reused"), "\(ordinary.stdout)")
    // And the other way round; each environment finds its own points again.
    let oddAgain = try Self.repro(run, in: dir, environment: environment)
    #expect(oddAgain.stdout.contains("6 of 6 points reused"), "\(oddAgain.stdout)")
    #expect(try CLI.repro(run, in: dir).stdout.contains("6 of 6 points reused"))
  }

  /// The command between the first pair of backticks that starts with `repro `, as words.
  static func command(in text: String, starting prefix: String) throws -> [String] {
    let start = try #require(text.range(of: "`" + prefix), "no `\(prefix)…` in: \(text)")
    let rest = text[start.upperBound...]
    let end = try #require(rest.firstIndex(of: "`"))
    return (prefix + rest[..<end]).split(separator: " ").dropFirst().map(String.init)
  }

  @Test func theFixesNamedWorkAsTyped() throws {
    let dir = CLI.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let id = "gao2019-lazy"
    let options = ["--preset", "quick", "--results", "elsewhere", "--set", "seeds=1"]

    // A shard's hint names the merge that assembles it; merge's hint names the run that computes the rest.
    let shard = try CLI.repro(["run", id, "--shard", "1/2", "--quiet"] + options, in: dir)
    #expect(shard.status == 0, "\(shard.stderr)")
    let merge = try Self.command(in: shard.stdout, starting: "repro merge")
    #expect(merge == ["merge", id] + options.sortedAsTyped(), "\(shard.stdout)")
    let early = try CLI.repro(merge, in: dir)
    #expect(early.status != 0 && early.stderr.contains("not in the store"), "\(early.stderr)")
    let compute = try Self.command(in: early.stderr, starting: "repro run")
    let computed = try CLI.repro(compute + ["--quiet"], in: dir)
    #expect(computed.status == 0 && computed.stdout.contains("reused"), "\(computed)")
    #expect(FileManager.default.fileExists(atPath: dir + "/elsewhere/\(id).h5"))

    // A damaged point: the error names a clean-store that removes it, and the rerun recomputes it alone.
    let store = dir + "/elsewhere/.store/\(id)"
    let version = try #require(try FileManager.default.contentsOfDirectory(atPath: store).first)
    let points = try FileManager.default.contentsOfDirectory(atPath: store + "/" + version).filter {
      $0.hasSuffix(".h5")
    }.sorted()
    #expect(points.count == 3)
    try Data("not hdf5".utf8).write(to: URL(fileURLWithPath: store + "/" + version + "/" + points[0]))
    let damaged = try CLI.repro(["run", id, "--quiet"] + options, in: dir)
    #expect(damaged.status != 0 && damaged.stderr.split(separator: "\n").count == 1, "\(damaged.stderr)")
    #expect(damaged.stderr.contains("--fresh"))
    let clean = try CLI.repro(try Self.command(in: damaged.stderr, starting: "repro clean-store"), in: dir)
    #expect(clean.status == 0 && clean.stdout.contains("removed 1"), "\(clean)")
    let rerun = try CLI.repro(["run", id, "--quiet"] + options, in: dir)
    #expect(rerun.status == 0 && rerun.stdout.contains("2 of 3 points reused"), "\(rerun)")

    // merge and all recompute on request.
    let fresh = try CLI.repro(["merge", id, "--fresh"] + options, in: dir)
    #expect(fresh.status == 0, "\(fresh.stderr)")
    let help = try CLI.repro(["all", "--help"], in: dir)
    #expect(help.stdout.contains("--fresh"))
  }
}

extension Array where Element == String {
  /// The options in the order hints print them: --preset, each --set, --results.
  fileprivate func sortedAsTyped() -> [String] {
    var pairs: [(String, String)] = []
    for k in stride(from: 0, to: count - 1, by: 2) { pairs.append((self[k], self[k + 1])) }
    let order = ["--preset": 0, "--set": 1, "--results": 2]
    return pairs.enumerated().sorted { (order[$0.element.0]!, $0.offset) < (order[$1.element.0]!, $1.offset) }
      .flatMap { [$0.element.0, $0.element.1] }
  }
}
