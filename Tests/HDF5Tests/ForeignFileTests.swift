import Foundation
import HDF5
import Testing

/// Reading files written by other HDF5 programs (h5py writes variable-length strings,
/// float32, big-endian ints, ...).
@Suite struct ForeignFileTests {
  /// A 6216-byte HDF5 file written with libhdf5 1.10.8 by the C program below, stored
  /// as (offset, hex) runs of its non-zero bytes.
  ///
  /// ```c
  /// hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
  /// H5Pset_libver_bounds(fapl, H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
  /// hid_t f = H5Fcreate("foreign.h5", H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
  /// hid_t scalar = H5Screate(H5S_SCALAR);
  /// hsize_t three = 3;
  /// hid_t vec = H5Screate_simple(1, &three, NULL);
  /// hid_t vls = H5Tcopy(H5T_C_S1);                 // as h5py writes str attributes
  /// H5Tset_size(vls, H5T_VARIABLE);
  /// H5Tset_cset(vls, H5T_CSET_UTF8);
  /// const char *text = "\xce\xb5 = r\xc2\xb7s";    // "ε = r·s"
  /// hid_t a = H5Acreate2(f, "vlen", vls, scalar, H5P_DEFAULT, H5P_DEFAULT);
  /// H5Awrite(a, vls, &text);
  /// hid_t fls = H5Tcopy(H5T_C_S1);                 // fixed, null-terminated ASCII
  /// H5Tset_size(fls, 8);
  /// H5Tset_strpad(fls, H5T_STR_NULLTERM);
  /// char fixed[8] = {'a', 'b', 'c', 0, 'x', 'y', 0, 0};
  /// a = H5Acreate2(f, "fixed", fls, scalar, H5P_DEFAULT, H5P_DEFAULT);
  /// H5Awrite(a, fls, fixed);
  /// float f32[3] = {0.5f, -1.25f, 3.0f};
  /// hid_t d = H5Dcreate2(f, "f32", H5T_IEEE_F32LE, vec, ...);
  /// H5Dwrite(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, f32);
  /// int i32[3] = {-7, 0, 2147483647};
  /// hid_t d2 = H5Dcreate2(f, "i32", H5T_STD_I32BE, vec, ...);
  /// H5Dwrite(d2, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, i32);
  /// a = H5Acreate2(d2, "small", H5T_STD_I32LE, vec, H5P_DEFAULT, H5P_DEFAULT);
  /// H5Awrite(a, H5T_NATIVE_INT, i32);
  /// unsigned long long u64[3] = {1, 2, 18446744073709551615ULL};
  /// hid_t d3 = H5Dcreate2(f, "u64", H5T_STD_U64LE, vec, ...);
  /// H5Dwrite(d3, H5T_NATIVE_ULLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, u64);
  /// hid_t d4 = H5Dcreate2(f, "strings", fls, vec, ...);   // "one", "two", "three"
  /// ```
  static let runs: [(offset: Int, hex: String)] = [
    (0, "894844460d0a1a0a030808"),
    (
      20,
      "ffffffffffffffff48180000000000003000000000000000183a8dee4f484452022022fc016b22fc"
        + "016b22fc016b22fc016b9310100000fa0100000000000030000000000000000a0200010000101000"
        + "00460300000000000030000000000000000c360000030005001400040000766c656e001901010010"
        + "00000010000000010000000000080002000000090000000008000000000000010000000c23000003"
        + "0006000800040000666978656400130000000800000002000000616263007879000000000000d3c5"
        + "08424f484452022122fc016b22fc016b22fc016b22fc016b00010114000002010101030000000000"
        + "000003000000000000000314000111201f000400000000002000170800177f00000005020001030a"
        + "08120000040100180000000000000c"
    ),
    (323, "b0"),
    (
      502,
      "1e2a84bf4f43484b101000009204000000000000300000000000000010100000de05000000000000"
        + "300000000000000084d0c24b4f484452022122fc016b22fc016b22fc016b22fc016b000101140000"
        + "0201010103000000000000000300000000000000030c000110090000040000000000200005020001"
        + "030a0812000004010c180000000000000c00000000000000151200040000ffffffffffffffffffff"
        + "ffffffffffff0c3b0000030006000c00140000736d616c6c00100800000400000000002000020101"
        + "0103000000000000000300000000000000f9ffffff00000000ffffff7f0063"
    ),
    (
      834,
      "35490ace4f43484b151200040000ffffffffffffffffffffffffffffffff060e0000010003693332"
        + "2a02000000000000118220d44f484452022122fc016b22fc016b22fc016b22fc016b000101140000"
        + "0201010103000000000000000300000000000000030c000110000000080000000000400005020001"
        + "030a081200000401181800000000000018"
    ),
    (979, "b8"),
    (
      1166,
      "c778ffda4f43484b021200000000ffffffffffffffffffffffffffffffff060e0000010003753634"
        + "760300000000000090b2da674f484452022122fc016b22fc016b22fc016b22fc016b000101140000"
        + "020101010300000000000000030000000000000003080001130000000800000005020001030a0812"
        + "00000401301800000000000018"
    ),
    (1307, "bc"),
    (
      1498,
      "0f6d89994f43484b060e0000010003663332de0000000000000006120000010007737472696e6773"
        + "c204000000000000b3fdf20d"
    ),
    (
      2048,
      "47434f4c01000000001000000000000001000000000000000900000000000000ceb5203d2072c2b7"
        + "73"
    ),
    (2104, "d00f"),
    (
      6147,
      "3f0000a0bf00004040fffffff9000000007fffffff01000000000000000200000000000000ffffff"
        + "ffffffffff6f6e65000000000074776f00000000007468726565"
    ),
  ]
  static let size = 6216

  static func bytes() throws -> Data {
    var bytes = [UInt8](repeating: 0, count: size)
    for (offset, hex) in runs {
      let digits = Array(hex.utf8)
      for index in stride(from: 0, to: digits.count, by: 2) {
        let byte = try #require(
          UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16))
        bytes[offset + index / 2] = byte
      }
    }
    return Data(bytes)
  }

  @Test func readsFilesFromOtherWriters() throws {
    try withTemporaryDirectory { dir in
      let path = dir.path("foreign.h5")
      try Self.bytes().write(to: URL(fileURLWithPath: path))
      let root = try H5File.open(path).root

      #expect(try root.children() == ["f32", "i32", "strings", "u64"])
      #expect(try root.attributeNames() == ["fixed", "vlen"])
      #expect(try root.attribute("vlen") == .string("ε = r·s"))
      #expect(try root.attribute("fixed") == .string("abc"))

      #expect(try root.datasetKind("f32") == .double)
      #expect(try root.readDoubles("f32") == NDArray([0.5, -1.25, 3.0]))
      #expect(try root.datasetKind("i32") == .int64)
      #expect(try root.readInt64s("i32") == NDArray<Int64>([-7, 0, 2_147_483_647]))
      #expect(try root.attribute("small", ofDataset: "i32") == .ints([-7, 0, 2_147_483_647]))

      // Unsigned 64-bit values may not fit in Int64, and strings are not numbers.
      #expect(try root.datasetKind("u64") == .other)
      #expect(hdf5Error { try root.readInt64s("u64") }?.description.contains("unsigned") == true)
      #expect(try root.datasetKind("strings") == .other)
      #expect(
        hdf5Error { try root.readDoubles("strings") }?.description.contains("strings") == true)
    }
  }
}
