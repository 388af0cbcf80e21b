import Foundation
import HDF5

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("HDF5Tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// The path of `name` inside the directory.
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// The names of the directory's entries, including hidden ones.
  func entries() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
  }

  func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `body` with a fresh temporary directory that is removed afterwards.
func withTemporaryDirectory<T>(_ body: (TemporaryDirectory) throws -> T) throws -> T {
  let directory = try TemporaryDirectory()
  defer { directory.remove() }
  return try body(directory)
}

/// Writes a file at `path` with `body` and commits it.
func writeFile(_ path: String, _ body: (H5Group) throws -> Void) throws {
  let file = try H5File.create(atomicallyAt: path)
  try body(file.root)
  try file.commit()
}

/// Bitwise equality of double arrays, so NaN payloads and signed zeros count.
func sameBits(_ a: NDArray<Double>, _ b: NDArray<Double>) -> Bool {
  a.shape == b.shape && a.values.map(\.bitPattern) == b.values.map(\.bitPattern)
}

/// The HDF5Error thrown by `body`, or nil if it threw nothing or something else.
func hdf5Error<T>(_ body: () throws -> T) -> HDF5Error? {
  do {
    _ = try body()
    return nil
  } catch let error as HDF5Error {
    return error
  } catch {
    return nil
  }
}
