import Foundation
import HDF5
import Testing

/// Files must be readable by the reference tools, not just by this module.
@Suite struct H5DumpTests {
  static let h5dump = "/usr/bin/h5dump"

  /// Runs h5dump on `path`, returning its exit status and output.
  static func dump(_ path: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: h5dump)
    process.arguments = [path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test func committedFileIsReadableByH5dump() throws {
    try #require(
      FileManager.default.isExecutableFile(atPath: Self.h5dump),
      "h5dump not found at \(Self.h5dump): install hdf5-tools (apt-get install hdf5-tools)")
    try withTemporaryDirectory { dir in
      let path = dir.path("dumped.h5")
      try writeFile(path) { root in
        try root.setAttribute("experiment", .string("kernel-regime-sweep"))
        try root.setAttribute("unicode", .string("ε = r·s, ‖x‖"))
        try root.setAttribute("empty", .string(""))
        try root.setAttribute("seeds", .ints([1, 2, 3]))
        let scalars = try root.createGroup("scalars")
        try scalars.write("radius", NDArray(scalar: 0.75))
        try scalars.write("widths", NDArray<Int64>([64, 128, 256]))
        try scalars.write("grid", NDArray(shape: [2, 2], values: [1.0, .nan, .infinity, -2.0]))
        try scalars.write("none", NDArray<Double>(shape: [0, 3], values: []))
        try scalars.setAttribute("units", .string("meters"), onDataset: "radius")
      }

      let (status, output) = try Self.dump(path)
      #expect(status == 0, "h5dump failed:\n\(output)")
      #expect(output.contains("DATASET \"radius\""))
      #expect(output.contains("DATASET \"widths\""))
      #expect(output.contains("\"kernel-regime-sweep\""))
      #expect(output.contains("\"meters\""))
      #expect(output.contains("H5T_IEEE_F64LE"))
      #expect(output.contains("H5T_STD_I64LE"))
      #expect(output.contains("H5T_CSET_UTF8"))
    }
  }
}
