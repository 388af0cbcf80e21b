import Foundation
import Testing

/// `repro status`, `run --if-stale` and `repro sensitivity` as a user meets them.
@Suite struct ProvenanceCLITests {
  typealias CLI = CLITests

  @Test func statusAndIfStaleDecideByContent() throws {
    let dir = CLI.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let quick = ["--preset", "quick", "--set", "d=60", "--set", "max_steps=300", "--quiet"]
    let missing = try CLI.repro(["status", "vardi2022-flip-vs-dim", "--preset", "quick"], in: dir)
    #expect(missing.status == 0)
    #expect(missing.stdout.contains("vardi2022-flip-vs-dim  missing"))

    #expect(try CLI.repro(["run", "vardi2022-flip-vs-dim"] + quick, in: dir).status == 0)
    let path = dir + "/results/quick/vardi2022-flip-vs-dim.h5"
    let written = try Data(contentsOf: URL(fileURLWithPath: path))
    // The same configuration: up to date, and the file is left alone.
    let again = try CLI.repro(["run", "vardi2022-flip-vs-dim", "--if-stale"] + quick, in: dir)
    #expect(again.status == 0)
    #expect(again.stdout.contains("is up to date: nothing to run"))
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == written)

    // Against the quick preset's own parameters, and against the paper preset: stale, naming why.
    let status = try CLI.repro(["status", "vardi2022-flip-vs-dim", "--preset", "quick"], in: dir)
    #expect(
      status.stdout.contains("stale") && status.stdout.contains("parameter d ([60] in the result, now [100,400])"))
    // The paper result is another file: missing, not made stale by the quick run.
    let paper = try CLI.repro(["status", "vardi2022-flip-vs-dim"], in: dir)
    #expect(paper.stdout.contains("vardi2022-flip-vs-dim  missing"), "\(paper.stdout)")
    let misplaced = try CLI.repro(["status", "vardi2022-flip-vs-dim", "--results", "results/quick"], in: dir)
    #expect(misplaced.stdout.contains("preset quick, not paper"), "\(misplaced.stdout)")

    // One more value: stale, so it reruns.
    let more = try CLI.repro(
      [
        "run", "vardi2022-flip-vs-dim", "--if-stale", "--preset", "quick", "--set", "d=60,80", "--set", "max_steps=300",
      ],
      in: dir)
    #expect(more.status == 0)
    #expect(more.stdout.contains("vardi2022-flip-vs-dim: stale (parameter d"))
    #expect(more.stdout.contains("wrote"))
  }

  @Test func resultsRecordPlatformAndSources() throws {
    let dir = CLI.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = try CLI.repro(
      ["run", "vardi2022-kkt", "--preset", "quick", "--set", "max_steps=200", "--quiet"], in: dir)
    #expect(run.status == 0, "\(run.stderr)")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["h5dump", "-A", dir + "/results/quick/vardi2022-kkt.h5"]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "h5dump failed (make test installs hdf5-tools)")
    for name in [
      "platform_cpu", "platform_blas", "platform_blas_core", "platform_hdf5", "platform_swift", "platform_os",
      "fingerprint", "code_fingerprint", "sources", "git_dirty_files",
    ] {
      #expect(text.contains("ATTRIBUTE \"\(name)\""), "no \(name)")
    }
    #expect(text.contains("experiments/vardi2022/kkt.swift"))
    #expect(text.contains("experiments/vardi2022/Vardi2022Setting.swift"))
    #expect(!text.contains("experiments/deng2020/Deng2020Setting.swift"))
  }

  @Test func sensitivityMeasuresStoresAndFeedsTheDiff() throws {
    let dir = CLI.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let quick = ["--preset", "quick", "--set", "d=40", "--set", "max_steps=200"]
    // Every variant this CPU offers (on any CPU at least the 1-ulp change of the inputs).
    let measured = try CLI.repro(["sensitivity", "vardi2022-kkt"] + quick.prefix(2), in: dir)
    #expect(measured.status == 0, "\(measured.stderr)")
    #expect(measured.stdout.contains("REPRO_PERTURB_INPUTS=1"))
    #expect(measured.stdout.contains("/scalars/"))
    let stored = dir + "/results/baselines/quick/vardi2022-kkt.sensitivity.json"
    #expect(FileManager.default.fileExists(atPath: stored))
    // Scratch runs are gone.
    let left = try FileManager.default.contentsOfDirectory(atPath: dir + "/results")
    #expect(!left.contains { $0.hasPrefix(".sensitivity") })

    // A core type this CPU cannot run: one line, nothing written.
    let bad = try CLI.repro(["sensitivity", "vardi2022-kkt", "--core-types", "Pentium9000"], in: dir)
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("cannot run OpenBLAS core type 'Pentium9000'"))

    // The diff takes its tolerances from the stored measurement.
    #expect(try CLI.repro(["run", "vardi2022-kkt", "--quiet"] + quick.prefix(2), in: dir).status == 0)
    #expect(try CLI.repro(["bless", "vardi2022-kkt", "--preset", "quick"], in: dir).status == 0)
    let diff = try CLI.repro(["diff", "vardi2022-kkt", "--preset", "quick"], in: dir)
    #expect(diff.status == 0, "\(diff.stdout)")
    #expect(diff.stdout.contains("measured ×10"))
    #expect(diff.stdout.contains("claim verdict"))
  }
}
