import Foundation
import HDF5
import Testing

/// Issue 21, item 12: a damaged or crafted file that declares more values than it can hold is refused with one
/// line before any memory is allocated for it (it used to abort the process in the allocator). The files are
/// made by h5py, which declares such datasets without writing them.
@Suite struct CraftedSizeTests {
  static let python = "/usr/bin/python3"

  /// Runs `script` with h5py in `directory`; false when h5py is not installed.
  static func h5py(_ script: String, in directory: String) throws -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: python)
    p.arguments = ["-c", "import h5py, numpy as np\n" + script]
    p.currentDirectoryURL = URL(fileURLWithPath: directory)
    p.standardError = FileHandle.nullDevice
    guard FileManager.default.isExecutableFile(atPath: python), (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
  }

  @Test func declaredSizesBeyondTheFileOrMemoryAreOneLineErrors() throws {
    try withTemporaryDirectory { dir in
      let made = try Self.h5py(
        """
        with h5py.File('crafted.h5', 'w') as f:
            f.create_dataset('contiguous', shape=(2**40,), dtype='f8')
            f.create_dataset('chunked', shape=(2**40,), dtype='f8', chunks=(1024,))
            f.create_dataset('counts', shape=(2**40,), dtype='i8')
            f.create_dataset('overflow', shape=(2**62, 2**62), dtype='f8')
            f.create_dataset('fine', data=np.arange(3.0))
            f.create_dataset('unwritten', shape=(4,), dtype='f8')
        """, in: dir.url.path)
      guard made else {
        print("CraftedSizeTests: h5py is not installed: not checked")
        return
      }
      let file = try H5File.open(dir.path("crafted.h5"))
      for (name, limit) in [("contiguous", "the file's"), ("chunked", "of memory"), ("overflow", "overflow")] {
        let error = hdf5Error { try file.root.readDoubles(name) }
        let text = error?.description ?? ""
        #expect(text.contains("'/\(name)'") && text.contains(limit) && text.contains("damaged"), "\(text)")
        #expect(!text.contains("\n"))
      }
      let counts = hdf5Error { try file.root.readInt64s("counts") }?.description ?? ""
      #expect(counts.contains("1099511627776 values (8.0 TiB)") && counts.contains("the file's"), "\(counts)")
      // What a file does hold still reads.
      #expect(try file.root.readDoubles("fine").values == [0, 1, 2])
      #expect(try file.root.readDoubles("unwritten").values == [0, 0, 0, 0])
    }
  }
}
