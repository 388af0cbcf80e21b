import Figures
import Foundation
import HDF5
import Harness
import Numerics
import Testing

/// Issue 14, items 6–7: every dataset of a result file says what it is (`description`, and `units` where
/// declared), counts and iteration axes are integers, and strings are variable-length UTF-8, so h5py reads
/// them as `str`.
@Suite struct SelfDescribingResultTests {
  static func result() throws -> (dir: String, path: String) {
    let dir = RunnerTests.temporaryDirectory()
    let ws = Workspace(results: dir, figures: dir + "/figures")
    let c = try Configuration(experiment: ToyExperiment.self, preset: .paper)
    let path = try ws.run(ToyExperiment.self, c, runner: Runner(jobs: 2, quiet: true))
    return (dir, path)
  }

  @Test func everyDatasetIsDescribedAndCountsAreIntegers() throws {
    let (dir, path) = try Self.result()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let root = try H5File.open(path).root
    var seen = 0
    func walk(_ group: H5Group) throws {
      for name in try group.children() {
        if try group.isGroup(name) {
          try walk(try group.group(name))
          continue
        }
        seen += 1
        guard case .string(let text) = try group.attribute("description", ofDataset: name) else {
          Issue.record("\(group.path)/\(name) has no string description")
          continue
        }
        #expect(!text.isEmpty, "\(group.path)/\(name)")
      }
    }
    try walk(root)
    #expect(seen > 10)
    let scalars = try root.group("scalars")
    #expect(try scalars.datasetKind("loss_is_logistic") == .int64)
    #expect(try scalars.datasetKind("norm") == .double)
    #expect(try scalars.attribute("units", ofDataset: "norm") == .string("ε"))
    #expect(try scalars.attribute("description", ofDataset: "norm") == .string("‖noise‖₂"))
    #expect(try root.group("sweep").attribute("description", ofDataset: "d") == .string("dimension (swept)"))
    #expect(
      try root.group("sweep").attribute("description", ofDataset: "loss")
        == .string("a choice (an index into the attribute levels)"))
    let setting = try root.attribute("setting")
    #expect(
      setting == .string(ResultWriter.settingNote("toy2000"))
        && ResultWriter.settingNote("toy2000").contains("experiments/toy2000/README.md"))
    // Read back as numbers, counts included.
    let back = try Results.read(path)
    #expect(back.points.allSatisfy { $0.scalar("loss_is_logistic") == 1 })
  }

  /// A value recorded without saying what it is stops the run with one line naming it and the fix.
  @Test func anUndescribedValueIsRefused() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try Configuration(experiment: Undescribed.self, preset: .quick)
    do {
      _ = try Workspace(results: dir).run(Undescribed.self, c, runner: Runner(jobs: 1, quiet: true))
      Issue.record("an undescribed value was written")
    } catch let error as ReproError {
      #expect(error.description.contains("'mystery' without a description"), "\(error)")
    }
    #expect(!FileManager.default.fileExists(atPath: dir + "/\(Undescribed.id).h5"))
  }

  /// What a reader with h5py sees: `str` for every string attribute, the description of every dataset,
  /// integers for counts. h5py is a test dependency (`make deps` installs python3-h5py).
  @Test func h5pyReadsStringsAsStrAndFindsEveryDescription() throws {
    let (dir, path) = try Self.result()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let script = """
      import sys, h5py, numpy
      f = h5py.File(sys.argv[1], "r")
      bad = []
      strings = 0
      def check(name, obj):
          global strings
          for k, v in obj.attrs.items():
              if isinstance(v, (bytes, numpy.bytes_)): bad.append(f"{name}@{k}: bytes, not str")
              strings += isinstance(v, str)
          if isinstance(obj, h5py.Dataset) and not isinstance(obj.attrs.get("description"), str):
              bad.append(f"{name}: no description")
      check("/", f)
      f.visititems(check)
      assert strings > 30, strings
      assert isinstance(f.attrs["experiment"], str) and isinstance(f["claims/c000"].attrs["statement"], str)
      assert f["scalars/loss_is_logistic"].dtype.kind == "i", f["scalars/loss_is_logistic"].dtype
      print("\\n".join(bad) if bad else "ok")
      """
    // The python3 on the PATH, or Debian's (where apt's python3-h5py goes), whichever has h5py.
    var outcome: (status: Int32, out: String, err: String) = (-1, "", "")
    for python in ["python3", "/usr/bin/python3"] {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      p.arguments = [python, "-c", script, path]
      let out = Pipe()
      let err = Pipe()
      p.standardOutput = out
      p.standardError = err
      guard (try? p.run()) != nil else { continue }
      let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      p.waitUntilExit()
      outcome = (p.terminationStatus, text, problem)
      if !problem.contains("No module named 'h5py'") { break }
    }
    #expect(outcome.status == 0, "python3 with h5py is needed (make deps installs python3-h5py): \(outcome.err)")
    #expect(outcome.out.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(outcome.out)")
  }
}

/// Records a value without a description.
private enum Undescribed: Experiment {
  static let id = "toy2000-undescribed"
  static let paper = "toy2000"
  static let reproduces = "nothing (a harness test)"
  static let summary = "Records a value without saying what it is."
  static let parameters: [Parameter] = [.seeds(paper: 1, quick: 1)]
  static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    var r = Record()
    r.set("mystery", 42, "")
    return r
  }
  static let claims: [Claim] = []
  static func figures(_ results: Results) throws -> [Figure] { [] }
}
