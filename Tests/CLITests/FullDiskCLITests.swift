import Foundation
import Testing

/// Issue 13, item 4: on a full disk, `run` and `plot` end with one line naming the disk and the path, a
/// non-zero exit, nothing partial left and no crash, at every size of free space from 4 KiB up. Needs a
/// tmpfs mount (root with CAP_SYS_ADMIN); where mounting is refused, the test says so and checks nothing.
@Suite(.serialized) struct FullDiskCLITests {
  static func mount(_ dir: String, kib: Int) -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/mount")
    p.arguments = ["-t", "tmpfs", "-o", "size=\(kib)k", "tmpfs", dir]
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
  }

  static func unmount(_ dir: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/umount")
    p.arguments = [dir]
    try? p.run()
    p.waitUntilExit()
  }

  /// Every file under `dir` (hidden ones included).
  static func files(_ dir: String) -> [String] {
    (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String]) ?? []
  }

  @Test(arguments: [4, 16, 32, 48, 56, 64, 80, 96, 128, 192])
  func aFullDiskIsOneLineAndLeavesNothingPartial(kib: Int) throws {
    let work = CLITests.scratch()
    defer { try? FileManager.default.removeItem(atPath: work) }
    let disk = work + "/disk"
    try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
    guard Self.mount(disk, kib: kib) else {
      print("FullDiskCLITests: cannot mount a tmpfs here (not root?): not checked")
      return
    }
    defer { Self.unmount(disk) }
    let id = "gao2019-lazy"
    let run = try CLITests.repro(["run", id, "--preset", "quick", "--quiet", "--results", disk + "/r"], in: work)
    #expect(run.status == 0 || run.status == 1, "\(kib) KiB: exit \(run.status)")
    if run.status != 0 {
      #expect(run.stderr.contains("no space left on device"), "\(kib) KiB: \(run.stderr)")
      #expect(run.stderr.split(separator: "\n").count == 1, "\(kib) KiB: \(run.stderr)")
    }
    #expect(!Self.files(disk).contains { ($0 as NSString).lastPathComponent.contains(".tmp-") })

    // Plot from a result elsewhere onto the full disk.
    #expect(try CLITests.repro(["run", id, "--preset", "quick", "--quiet"], in: work).status == 0)
    let plot = try CLITests.repro(["plot", id, "--preset", "quick", "--figures", disk + "/f"], in: work)
    #expect(plot.status == 0 || plot.status == 1, "\(kib) KiB: exit \(plot.status)")
    if plot.status != 0 {
      #expect(plot.stderr.split(separator: "\n").count == 1, "\(kib) KiB: \(plot.stderr)")
      #expect(!plot.stderr.contains(".tmp-"), "names the staging directory: \(plot.stderr)")
      #expect(!FileManager.default.fileExists(atPath: disk + "/f/\(id)"))
    }
    #expect(
      !Self.files(disk).contains {
        let name = ($0 as NSString).lastPathComponent
        return name.contains(".tmp-") || name.contains(".gnuplot-")
      }, "\(kib) KiB: \(Self.files(disk))")
  }
}
