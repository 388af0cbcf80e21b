import Foundation
import HDF5
import Testing

@Suite struct DatasetTests {
  @Test(arguments: [[], [5], [2, 3], [2, 3, 4], [0], [3, 0, 2]] as [[Int]])
  func doublesRoundTrip(shape: [Int]) throws {
    try withTemporaryDirectory { dir in
      let count = shape.reduce(1, *)
      let array = NDArray(shape: shape, values: (0..<count).map { Double($0) * 0.25 - 1.5 })
      let path = dir.path("doubles.h5")
      try writeFile(path) { try $0.write("x", array) }

      let root = try H5File.open(path).root
      let back = try root.readDoubles("x")
      #expect(back == array)
      #expect(back.shape == shape)
      #expect(try root.datasetKind("x") == .double)
    }
  }

  @Test(arguments: [[], [5], [2, 3], [2, 3, 4], [0]] as [[Int]])
  func int64sRoundTrip(shape: [Int]) throws {
    try withTemporaryDirectory { dir in
      let count = shape.reduce(1, *)
      let extremes: [Int64] = [.min, .max, 0, -1, 1]
      let values = (0..<count).map { extremes[$0 % extremes.count] &+ Int64($0 / 5) }
      let array = NDArray(shape: shape, values: values)
      let path = dir.path("ints.h5")
      try writeFile(path) { try $0.write("n", array) }

      let root = try H5File.open(path).root
      #expect(try root.readInt64s("n") == array)
      #expect(try root.datasetKind("n") == .int64)
    }
  }

  @Test func int64Extremes() throws {
    try withTemporaryDirectory { dir in
      let array = NDArray<Int64>([.min, .max, .min + 1, .max - 1, 0])
      let path = dir.path("extremes.h5")
      try writeFile(path) { try $0.write("extremes", array) }
      #expect(try H5File.open(path).root.readInt64s("extremes") == array)
    }
  }

  @Test func nonFiniteDoubles() throws {
    try withTemporaryDirectory { dir in
      let array = NDArray(
        shape: [2, 3],
        values: [
          .nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
        ])
      let scalarNaN = NDArray(scalar: Double.nan)
      let path = dir.path("nonfinite.h5")
      try writeFile(path) {
        try $0.write("weird", array)
        try $0.write("nan", scalarNaN)
      }
      let root = try H5File.open(path).root
      let back = try root.readDoubles("weird")
      #expect(sameBits(back, array))
      #expect(back.values[0].isNaN)
      #expect(back.values[1] == .infinity)
      #expect(back.values[2] == -.infinity)
      #expect(back.values[3].sign == .minus)
      #expect(sameBits(try root.readDoubles("nan"), scalarNaN))
    }
  }

  @Test func nestedGroupsAndNavigation() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("nested.h5")
      try writeFile(path) { root in
        let runs = try root.createGroup("runs")
        let first = try runs.createGroup("0")
        #expect(first.path == "/runs/0")
        try first.write("loss", NDArray([3.0, 2.0, 1.0]))
        try root.write("runs/0/steps", NDArray<Int64>([1, 2, 3]))
        _ = try root.createGroup("runs/1")
        try root.write("b", NDArray(scalar: 1.0))
        try root.write("a", NDArray<Int64>(scalar: 2))
      }

      let root = try H5File.open(path).root
      #expect(root.path == "/")
      #expect(try root.children() == ["a", "b", "runs"])
      #expect(try root.group("runs").children() == ["0", "1"])
      #expect(try root.group("runs/0").children() == ["loss", "steps"])
      #expect(try root.group("runs/1").children() == [])
      #expect(root.contains("runs/0/loss"))
      #expect(root.contains("runs"))
      #expect(!root.contains("runs/2"))
      #expect(!root.contains("nope/deeper"))
      #expect(!root.contains("a/b"))  // "a" is a dataset
      #expect(!root.contains(""))
      #expect(try root.isGroup("runs"))
      #expect(try root.isGroup("runs/0"))
      #expect(try !root.isGroup("runs/0/loss"))
      #expect(try root.group("runs").readDoubles("0/loss") == NDArray([3.0, 2.0, 1.0]))
      #expect(try root.readInt64s("runs/0/steps") == NDArray<Int64>([1, 2, 3]))
      #expect(try root.group("runs").readInt64s("/runs/0/steps").count == 3)  // absolute path
      #expect(try root.group("runs/0").group("/").path == "/")
    }
  }

  @Test func groupOutlivesItsFileVariable() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("outlive.h5")
      try writeFile(path) { try $0.createGroup("g").write("x", NDArray([1.0, 2.0])) }

      func openGroup() throws -> H5Group { try H5File.open(path).root.group("g") }
      let group = try openGroup()
      #expect(try group.readDoubles("x") == NDArray([1.0, 2.0]))
    }
  }

  @Test func readOnlyFileRejectsWrites() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("ro.h5")
      try writeFile(path) { try $0.write("x", NDArray([1.0])) }
      let root = try H5File.open(path).root
      let error = try #require(hdf5Error { try root.write("y", NDArray([2.0])) })
      #expect(error.description.contains("read-only"))
      #expect(hdf5Error { try root.setAttribute("a", .int(1)) } != nil)
      #expect(hdf5Error { try H5File.open(path).commit() } != nil)
    }
  }
}
