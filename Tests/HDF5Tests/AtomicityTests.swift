import Foundation
import HDF5
import Testing

@Suite struct AtomicityTests {
  @Test func fileAppearsOnlyOnCommit() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("result.h5")
      let file = try H5File.create(atomicallyAt: path)
      #expect(file.path == path)
      try file.root.write("x", NDArray([1.0, 2.0]))
      try file.root.setAttribute("note", .string("pending"))

      #expect(!FileManager.default.fileExists(atPath: path))
      let pending = try dir.entries()
      #expect(pending.count == 1)
      #expect(pending.allSatisfy { $0.hasPrefix(".result.h5.tmp-") })

      try file.commit()
      #expect(FileManager.default.fileExists(atPath: path))
      #expect(try dir.entries() == ["result.h5"])
      #expect(try H5File.open(path).root.readDoubles("x") == NDArray([1.0, 2.0]))

      // A committed file is closed: further use is an error, not a crash.
      #expect(hdf5Error { try file.commit() } != nil)
      #expect(hdf5Error { try file.root.write("y", NDArray([1.0])) } != nil)
    }
  }

  @Test func droppedWithoutCommitLeavesNothing() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("abandoned.h5")
      do {
        let file = try H5File.create(atomicallyAt: path)
        try file.root.write("x", NDArray([1.0]))
        #expect(try dir.entries().count == 1)
      }
      #expect(!FileManager.default.fileExists(atPath: path))
      #expect(try dir.entries() == [])
    }
  }

  @Test func groupKeepsUncommittedFileUntilReleased() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("held.h5")
      var group: H5Group? = try H5File.create(atomicallyAt: path).root
      try group?.write("x", NDArray([1.0]))
      #expect(try dir.entries().count == 1)
      group = nil
      #expect(try dir.entries() == [])
    }
  }

  @Test func createsIntermediateDirectories() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("results/deep/er/x.h5")
      try writeFile(path) { try $0.write("x", NDArray<Int64>([1])) }
      #expect(try H5File.open(path).root.readInt64s("x") == NDArray<Int64>([1]))
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: dir.path("results/deep/er")) == [
          "x.h5"
        ])
    }
  }

  @Test func commitReplacesAnExistingFile() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("replace.h5")
      try writeFile(path) { try $0.write("old", NDArray([1.0])) }
      let file = try H5File.create(atomicallyAt: path)
      try file.root.write("new", NDArray([2.0]))
      // Until the commit, readers still see the old file.
      #expect(try H5File.open(path).root.children() == ["old"])
      try file.commit()
      #expect(try H5File.open(path).root.children() == ["new"])
      #expect(try dir.entries() == ["replace.h5"])
    }
  }
}
