import Foundation
import HDF5
import Testing

@Suite struct AttributeTests {
  /// One of every kind of value, including awkward ones.
  static let values: [String: AttributeValue] = [
    "ascii": .string("hello"),
    "unicode": .string("ε = r·s, ‖x‖"),
    "empty": .string(""),
    "json": .string(#"{"seed": 42, "eta": [0.1, 1e-3], "name": "r\u00e9sum\u00e9", "ok": true}"#),
    "double": .double(-2.5e-300),
    "nan": .double(.nan),
    "inf": .double(-.infinity),
    "int": .int(Int64.min),
    "intMax": .int(Int64.max),
    "doubles": .doubles([1.0, .infinity, -0.0, 3.25]),
    "noDoubles": .doubles([]),
    "oneDouble": .doubles([7.0]),
    "ints": .ints([Int64.min, -1, 0, 1, Int64.max]),
    "noInts": .ints([]),
  ]

  /// Equality that treats NaN as equal to NaN.
  static func same(_ a: AttributeValue, _ b: AttributeValue) -> Bool {
    switch (a, b) {
    case (.double(let x), .double(let y)): x.bitPattern == y.bitPattern
    case (.doubles(let x), .doubles(let y)): x.map(\.bitPattern) == y.map(\.bitPattern)
    default: a == b
    }
  }

  @Test func everyValueOnRootSubgroupAndDataset() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("attributes.h5")
      try writeFile(path) { root in
        let sub = try root.createGroup("sub")
        try sub.write("data", NDArray([1.0, 2.0]))
        for (name, value) in Self.values {
          try root.setAttribute(name, value)
          try sub.setAttribute(name, value)
          try sub.setAttribute(name, value, onDataset: "data")
          try root.setAttribute(name, value, onDataset: "sub/data")
        }
      }

      let root = try H5File.open(path).root
      let sub = try root.group("sub")
      let names = Self.values.keys.sorted()
      #expect(try root.attributeNames() == names)
      #expect(try sub.attributeNames() == names)
      #expect(try sub.attributeNames(ofDataset: "data") == names)
      for (name, value) in Self.values {
        let onRoot = try root.attribute(name)
        let onSub = try sub.attribute(name)
        let onData = try sub.attribute(name, ofDataset: "data")
        #expect(Self.same(onRoot, value), "root: \(name) = \(onRoot)")
        #expect(Self.same(onSub, value), "sub: \(name) = \(onSub)")
        #expect(Self.same(onData, value), "dataset: \(name) = \(onData)")
        #expect(Self.same(try root.attribute(name, ofDataset: "sub/data"), value))
      }
      // Setting an attribute does not create children.
      #expect(try root.children() == ["sub"])
    }
  }

  @Test func jsonTextSurvivesExactly() throws {
    try withTemporaryDirectory { dir in
      struct Config: Codable, Equatable {
        var seed: Int
        var rates: [Double]
        var label: String
      }
      let config = Config(seed: 7, rates: [0.5, 1e-8], label: "σ² ≤ 1 \"quoted\"\n")
      let json = String(decoding: try JSONEncoder().encode(config), as: UTF8.self)
      let path = dir.path("json.h5")
      try writeFile(path) { try $0.setAttribute("config", .string(json)) }

      guard case .string(let back) = try H5File.open(path).root.attribute("config") else {
        Issue.record("config is not a string")
        return
      }
      #expect(back == json)
      #expect(try JSONDecoder().decode(Config.self, from: Data(back.utf8)) == config)
    }
  }

  @Test func largeStringAttribute() throws {
    // Over the 64 KiB limit of attributes in the default ("earliest") file format.
    try withTemporaryDirectory { dir in
      let big = String(repeating: #"{"k": "ε-value", "v": 12345.678}, "#, count: 10_000)
      let path = dir.path("big.h5")
      try writeFile(path) { try $0.setAttribute("big", .string(big)) }
      #expect(try H5File.open(path).root.attribute("big") == .string(big))
    }
  }

  @Test func overwriteReplacesValueAndType() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("overwrite.h5")
      try writeFile(path) { root in
        try root.setAttribute("a", .string("a long first value"))
        try root.setAttribute("a", .int(3))
        try root.setAttribute("b", .doubles([1, 2, 3]))
        try root.setAttribute("b", .string("x"))
        #expect(try root.attribute("a") == .int(3))
      }
      let root = try H5File.open(path).root
      #expect(try root.attributeNames() == ["a", "b"])
      #expect(try root.attribute("a") == .int(3))
      #expect(try root.attribute("b") == .string("x"))
    }
  }

  @Test func missingAttributeIsAnError() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("missing-attr.h5")
      try writeFile(path) { try $0.write("d", NDArray([1.0])) }
      let root = try H5File.open(path).root
      #expect(try root.attributeNames() == [])
      #expect(try root.attributeNames(ofDataset: "d") == [])

      let onGroup = try #require(hdf5Error { try root.attribute("seed") })
      #expect(onGroup.description.contains("seed"))
      #expect(onGroup.description.contains(path))
      let onData = try #require(hdf5Error { try root.attribute("seed", ofDataset: "d") })
      #expect(onData.description.contains("'/d'"))
      #expect(onData.description.contains("no such attribute"))
      let noData = try #require(hdf5Error { try root.attribute("seed", ofDataset: "nope") })
      #expect(noData.description.contains("/nope"))
    }
  }
}
