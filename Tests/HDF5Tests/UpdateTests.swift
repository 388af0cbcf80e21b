import Foundation
import HDF5
import Testing

@Suite struct UpdateTests {
  @Test func updateChangesACopyAndRenamesItOverTheOriginal() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("r.h5")
      let file = try H5File.create(atomicallyAt: path)
      try file.root.write("keep", NDArray([1.0, 2.0]))
      let g = try file.root.createGroup("claims")
      try g.setAttribute("old", .string("stale"))
      try file.commit()

      let update = try H5File.update(atomicallyAt: path)
      try update.root.remove("claims")
      let fresh = try update.root.createGroup("claims")
      try fresh.setAttribute("new", .int(1))
      // Until commit the original is untouched.
      #expect(try H5File.open(path).root.group("claims").attributeNames() == ["old"])
      try update.commit()

      let reread = try H5File.open(path)
      #expect(try reread.root.readDoubles("keep") == NDArray([1.0, 2.0]))
      #expect(try reread.root.group("claims").attributeNames() == ["new"])
      #expect(try dir.entries() == ["r.h5"])
    }
  }

  @Test func abandonedUpdateLeavesTheOriginal() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("r.h5")
      let file = try H5File.create(atomicallyAt: path)
      try file.root.write("x", NDArray([3.0]))
      try file.commit()
      let before = try Data(contentsOf: URL(fileURLWithPath: path))
      do {
        let update = try H5File.update(atomicallyAt: path)
        try update.root.remove("x")
      }
      #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
      #expect(try dir.entries() == ["r.h5"])
    }
  }

  @Test func removingAMissingObjectOrUpdatingAMissingFileIsAnError() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("h5-update-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    #expect(throws: HDF5Error.self) { try H5File.update(atomicallyAt: dir + "/none.h5") }
    let file = try H5File.create(atomicallyAt: dir + "/r.h5")
    do {
      try file.root.remove("ghost")
      Issue.record("removed a missing object")
    } catch let error as HDF5Error {
      #expect(error.description.contains("ghost"))
    }
    try "text".write(toFile: dir + "/t.h5", atomically: true, encoding: .utf8)
    #expect(throws: HDF5Error.self) { try H5File.update(atomicallyAt: dir + "/t.h5") }
  }
}
