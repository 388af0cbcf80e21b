import Foundation
import HDF5
import Testing

/// Issue 21, item 10: a path that is a symbolic link is written through, atomically. The link stays a link,
/// the file it names is replaced whole (a temporary beside it, renamed over it), never edited in place: a
/// second hard link to the old file keeps the old content, as it would after any rename.
@Suite struct SymlinkTests {
  @Test func updateThroughALinkReplacesTheTargetWhole() throws {
    try withTemporaryDirectory { dir in
      let target = dir.path("elsewhere/result.h5")
      try writeFile(target) { try $0.setAttribute("version", .int(1)) }
      let other = dir.path("elsewhere/old-name.h5")
      #expect(link(target, other) == 0)
      let path = dir.path("result.h5")
      try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "elsewhere/result.h5")

      let file = try H5File.update(atomicallyAt: path)
      try file.root.setAttribute("version", .int(2))
      try file.commit()

      #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path) == "elsewhere/result.h5")
      #expect(try H5File.open(path).root.attribute("version") == .int(2))
      // The old file (the other hard link) is untouched: the target was replaced, not edited in place.
      #expect(try H5File.open(other).root.attribute("version") == .int(1))
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: dir.path("elsewhere")).sorted() == [
          "old-name.h5", "result.h5",
        ])
      #expect(try dir.entries() == ["elsewhere", "result.h5"])
    }
  }

  @Test func createThroughALinkKeepsTheLink() throws {
    try withTemporaryDirectory { dir in
      let target = dir.path("elsewhere/result.h5")
      try writeFile(target) { try $0.setAttribute("version", .int(1)) }
      let path = dir.path("result.h5")
      try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
      try writeFile(path) { try $0.setAttribute("version", .int(2)) }
      #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path) == target)
      #expect(try H5File.open(target).root.attribute("version") == .int(2))
      // A dangling link: the file it names is created.
      let dangling = dir.path("dangling.h5")
      try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: dir.path("new/made.h5"))
      try writeFile(dangling) { try $0.setAttribute("version", .int(3)) }
      #expect(try H5File.open(dir.path("new/made.h5")).root.attribute("version") == .int(3))
      #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dangling) == dir.path("new/made.h5"))
    }
  }
}
