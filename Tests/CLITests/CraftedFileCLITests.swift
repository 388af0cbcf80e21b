import Foundation
import Testing

/// Issue 21, item 12: crafted or damaged files met by the command line are one line, never a crash: a dataset
/// declaring 2^40 values, and a baseline whose wall time (which `run --dry-run` divides by) is absurd.
@Suite struct CraftedFileCLITests {
  static func h5py(_ script: String, in dir: String) -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    p.arguments = ["-c", "import h5py\n" + script]
    p.currentDirectoryURL = URL(fileURLWithPath: dir)
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
  }

  @Test func craftedFilesAreOneLineNotACrash() throws {
    let dir = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let id = "gao2019-lazy"
    #expect(try CLITests.repro(["run", id, "--preset", "quick", "--jobs", "1"], in: dir).status == 0)
    #expect(try CLITests.repro(["bless", id, "--preset", "quick"], in: dir).status == 0)
    guard
      Self.h5py(
        """
        with h5py.File('results/quick/\(id).h5', 'a') as f:
            f['points/p0000'].create_dataset('huge', shape=(2**40,), dtype='f8')
        with h5py.File('results/baselines/quick/\(id).h5', 'a') as f:
            f.attrs['wall_seconds'] = 1e300
        """, in: dir)
    else {
      print("CraftedFileCLITests: h5py is not installed: not checked")
      return
    }
    let plot = try CLITests.repro(["plot", id, "--preset", "quick"], in: dir)
    #expect(plot.status != 0 && plot.status < 128, "\(plot.stderr.prefix(300))")
    #expect(plot.stderr.split(separator: "\n").count == 1, "\(plot.stderr.prefix(300))")
    #expect(plot.stderr.contains("/points/p0000/huge") && plot.stderr.contains("damaged"), "\(plot.stderr)")

    let dry = try CLITests.repro(["run", id, "--preset", "quick", "--results", "other", "--dry-run"], in: dir)
    #expect(dry.status == 0, "\(dry.stderr.prefix(300))")
    #expect(dry.stdout.contains("estimate: about ?"), "\(dry.stdout)")
  }
}
