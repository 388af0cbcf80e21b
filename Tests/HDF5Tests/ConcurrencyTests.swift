import Dispatch
import Foundation
import HDF5
import Synchronization
import Testing

@Suite struct ConcurrencyTests {
  /// The data thread `index` writes, so each file's contents are distinct.
  static func data(_ index: Int) -> NDArray<Double> {
    NDArray(shape: [20, 50], values: (0..<1000).map { Double(index * 1000 + $0) })
  }

  @Test func fourThreadsWriteAndReadTheirOwnFiles() throws {
    try withTemporaryDirectory { dir in
      let failures = Mutex<[String]>([])
      let paths = (0..<4).map { dir.path("thread-\($0).h5") }

      DispatchQueue.concurrentPerform(iterations: 4) { index in
        do {
          let file = try H5File.create(atomicallyAt: paths[index])
          let root = file.root
          for step in 0..<50 {
            let group = try root.createGroup("step-\(step)")
            try group.write("values", Self.data(index))
            try group.write("index", NDArray<Int64>(scalar: Int64(index)))
            try group.setAttribute("label", .string("thread \(index) step \(step)"))
          }
          try file.commit()
          // Read back on the same thread while the others are still writing.
          let back = try H5File.open(paths[index]).root
          guard try back.group("step-49").readDoubles("values") == Self.data(index) else {
            throw HDF5Error(file: paths[index], object: nil, action: "check", reason: "mismatch")
          }
        } catch {
          failures.withLock { $0.append("thread \(index): \(error)") }
        }
      }
      #expect(failures.withLock { $0 } == [])

      for (index, path) in paths.enumerated() {
        let root = try H5File.open(path).root
        #expect(try root.children().count == 50)
        for step in [0, 7, 49] {
          let group = try root.group("step-\(step)")
          #expect(try group.readDoubles("values") == Self.data(index))
          #expect(try group.readInt64s("index") == NDArray<Int64>(scalar: Int64(index)))
          #expect(try group.attribute("label") == .string("thread \(index) step \(step)"))
        }
      }
      #expect(try dir.entries() == paths.map { URL(fileURLWithPath: $0).lastPathComponent })
    }
  }

  @Test func threadsShareOneOpenFile() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("shared.h5")
      try writeFile(path) { root in
        for index in 0..<8 {
          try root.write("d\(index)", Self.data(index))
          try root.setAttribute("a\(index)", .int(Int64(index)))
        }
      }
      let root = try H5File.open(path).root
      let failures = Mutex<[String]>([])
      DispatchQueue.concurrentPerform(iterations: 8) { index in
        do {
          for _ in 0..<20 {
            guard try root.readDoubles("d\(index)") == Self.data(index),
              try root.attribute("a\(index)") == .int(Int64(index)),
              try root.children().count == 8
            else {
              throw HDF5Error(file: path, object: "/d\(index)", action: "check", reason: "mismatch")
            }
          }
        } catch {
          failures.withLock { $0.append("thread \(index): \(error)") }
        }
      }
      #expect(failures.withLock { $0 } == [])
    }
  }
}
