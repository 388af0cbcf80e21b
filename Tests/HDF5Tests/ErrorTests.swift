import Foundation
import HDF5
import Testing

/// Every failure is an `HDF5Error` whose one-line description names the file and the object.
@Suite struct ErrorTests {
  @Test func openingAMissingFile() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("does-not-exist.h5")
      let error = try #require(hdf5Error { try H5File.open(path) })
      #expect(error.file == path)
      #expect(error.description.contains(path))
      #expect(error.description.contains("no such file"))
      #expect(!error.description.contains("\n"))
    }
  }

  @Test func openingATextFile() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("notes.txt")
      try "just some text\n".write(toFile: path, atomically: true, encoding: .utf8)
      let error = try #require(hdf5Error { try H5File.open(path) })
      #expect(error.description.contains(path))
      #expect(error.description.contains("not an HDF5 file"))
    }
  }

  @Test func openingADirectory() throws {
    try withTemporaryDirectory { dir in
      let error = try #require(hdf5Error { try H5File.open(dir.url.path) })
      #expect(error.description.contains(dir.url.path))
    }
  }

  @Test func readingAMissingDataset() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("x.h5")
      try writeFile(path) { try $0.createGroup("scalars").write("loss", NDArray(scalar: 1.0)) }
      let root = try H5File.open(path).root
      let error = try #require(hdf5Error { try root.readDoubles("scalars/radius") })
      #expect(error.object == "/scalars/radius")
      #expect(error.description.contains(path))
      #expect(error.description.contains("'/scalars/radius'"))
      #expect(error.description.contains("no such object"))

      let viaGroup = try #require(hdf5Error { try root.group("scalars").readInt64s("radius") })
      #expect(viaGroup.description.contains("'/scalars/radius'"))
      #expect(hdf5Error { try root.datasetKind("scalars/radius") } != nil)
      #expect(hdf5Error { try root.isGroup("nothing") } != nil)
      #expect(hdf5Error { try root.group("nothing") }?.description.contains("'/nothing'") == true)
      // A group is not a dataset, and vice versa.
      #expect(hdf5Error { try root.readDoubles("scalars") }?.description.contains("group") == true)
      #expect(hdf5Error { try root.group("scalars/loss") }?.description.contains("dataset") == true)
    }
  }

  /// Reading never converts between integers and floating point: both directions are errors.
  @Test func readingWithTheWrongType() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("types.h5")
      try writeFile(path) {
        try $0.write("counts", NDArray<Int64>([1, 2]))
        try $0.write("values", NDArray([1.5]))
      }
      let root = try H5File.open(path).root
      let asDouble = try #require(hdf5Error { try root.readDoubles("counts") })
      #expect(asDouble.description.contains(path))
      #expect(asDouble.description.contains("/counts"))
      #expect(asDouble.description.contains("integers"))
      let asInt = try #require(hdf5Error { try root.readInt64s("values") })
      #expect(asInt.description.contains("/values"))
      #expect(asInt.description.contains("floating point"))
    }
  }

  @Test func writingDuplicatesAndIntoMissingGroups() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("dup.h5")
      let file = try H5File.create(atomicallyAt: path)
      let root = file.root
      try root.write("x", NDArray([1.0]))
      _ = try root.createGroup("g")

      let duplicate = try #require(hdf5Error { try root.write("x", NDArray([2.0])) })
      #expect(duplicate.description.contains(path))
      #expect(duplicate.description.contains("'/x'"))
      #expect(duplicate.description.contains("already exists"))
      #expect(hdf5Error { try root.write("x", NDArray<Int64>([2])) } != nil)
      #expect(hdf5Error { try root.write("g", NDArray([2.0])) } != nil)
      #expect(hdf5Error { try root.createGroup("g") }?.description.contains("'/g'") == true)
      #expect(hdf5Error { try root.createGroup("x") } != nil)

      let orphan = try #require(hdf5Error { try root.write("a/b", NDArray([1.0])) })
      #expect(orphan.description.contains("'/a/b'"))
      #expect(orphan.description.contains("does not exist"))
      #expect(hdf5Error { try root.write("x/b", NDArray([1.0])) } != nil)
      #expect(hdf5Error { try root.createGroup("a/b") } != nil)
      #expect(hdf5Error { try root.write("", NDArray([1.0])) } != nil)
      #expect(hdf5Error { try root.write("../up", NDArray([1.0])) } != nil)

      // The failed writes left the original data alone.
      try file.commit()
      let back = try H5File.open(path).root
      #expect(try back.children() == ["g", "x"])
      #expect(try back.readDoubles("x") == NDArray([1.0]))
    }
  }

  @Test func shapeThatDriftedFromValues() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("drift.h5")
      let file = try H5File.create(atomicallyAt: path)
      var array = NDArray([1.0, 2.0])
      array.shape = [3]
      let error = try #require(hdf5Error { try file.root.write("x", array) })
      #expect(error.description.contains("'/x'"))
      #expect(error.description.contains("does not match"))
      #expect(!file.root.contains("x"))
    }
  }

  @Test func descriptionFormat() {
    let error = HDF5Error(
      file: "results/x.h5", object: "/scalars/radius", action: "cannot open dataset",
      reason: "no such object")
    #expect(
      error.description
        == "HDF5: cannot open dataset '/scalars/radius' in results/x.h5: no such object")
    let fileLevel = HDF5Error(
      file: "results/x.h5", object: nil, action: "cannot open file", reason: "no such file")
    #expect(fileLevel.description == "HDF5: cannot open file results/x.h5: no such file")
    #expect(fileLevel.localizedDescription == fileLevel.description)
  }
}

@Suite struct FileSystemReasonTests {
  @Test func foundationErrorsBecomeWords() {
    let path = "/nonexistent-dir/x"
    #expect(fileSystemReason(CocoaError(.fileWriteOutOfSpace), path: path) == "no space left on device")
    #expect(fileSystemReason(CocoaError(.fileWriteNoPermission), path: path) == "permission denied")
    let wrapped = NSError(
      domain: NSCocoaErrorDomain, code: 512,
      userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))])
    #expect(fileSystemReason(wrapped, path: path) == "no space left on device")
    #expect(fileSystemReason(POSIXError(.EACCES), path: path) == "permission denied")
  }
}
