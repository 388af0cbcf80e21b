import Foundation
import HDF5
import Numerics

/// The machine and libraries a result was computed on. Same code and inputs give the same bytes on one
/// platform; across platforms (another CPU, so other BLAS kernels) the last bits of products may differ,
/// which is why `repro diff` prints both platforms when they differ.
public struct Platform: Sendable, Equatable {
  /// The CPU model, from /proc/cpuinfo.
  public var cpu: String
  /// OpenBLAS's build configuration.
  public var blas: String
  /// The core type whose kernels OpenBLAS uses (chosen for the CPU, or forced by OPENBLAS_CORETYPE).
  public var blasCore: String
  public var hdf5: String
  /// The compiler that built this binary.
  public var swift: String
  public var os: String

  public static let current = Platform(
    cpu: cpuModel(), blas: BLASInfo.configuration, blasCore: blasCoreName(), hdf5: hdf5LibraryVersion,
    swift: swiftCompiler, os: operatingSystem())

  /// As stored in a result file: one string attribute each.
  public var attributes: [(name: String, value: String)] {
    [
      ("platform_cpu", cpu), ("platform_blas", blas), ("platform_blas_core", blasCore), ("platform_hdf5", hdf5),
      ("platform_swift", swift), ("platform_os", os),
    ]
  }

  /// Read back from a result file's attributes; nil for a file that records no platform.
  public init?(attributes: [String: AttributeValue]) {
    func text(_ name: String) -> String? {
      if case .string(let s)? = attributes[name] { return s }
      return nil
    }
    guard let cpu = text("platform_cpu") else { return nil }
    self.init(
      cpu: cpu, blas: text("platform_blas") ?? "?", blasCore: text("platform_blas_core") ?? "?",
      hdf5: text("platform_hdf5") ?? "?", swift: text("platform_swift") ?? "?", os: text("platform_os") ?? "?")
  }

  public init(cpu: String, blas: String, blasCore: String, hdf5: String, swift: String, os: String) {
    self.cpu = cpu
    self.blas = blas
    self.blasCore = blasCore
    self.hdf5 = hdf5
    self.swift = swift
    self.os = os
  }

  /// One line: "AMD EPYC; OpenBLAS 0.3.21 … (core Zen); HDF5 1.10.8; Swift 6.3; Debian GNU/Linux 12".
  public var summary: String {
    "\(cpu); \(blas) (core \(blasCore)); HDF5 \(hdf5); Swift \(swift); \(os)"
  }

  /// The kernels of a result some of whose points were reused from the store: `this` alone when every point
  /// was computed with it, else each kernel with its number of points, e.g. "Haswell (3 points); Zen (5
  /// points, reused from the store)".
  public static func kernels(this: String, computed: Int, reused: [String: Int]) -> String {
    guard reused.keys.contains(where: { $0 != this }) else { return this }
    var counts = reused
    counts[this, default: 0] += 0
    return counts.keys.sorted().map { kernel in
      let fromStore = counts[kernel]!
      let own = kernel == this ? computed : 0
      let total = fromStore + own
      let origin = fromStore == 0 ? "" : own == 0 ? ", reused from the store" : ", \(fromStore) reused from the store"
      return "\(kernel) (\(total) point\(total == 1 ? "" : "s")\(origin))"
    }.filter { !$0.hasPrefix(this + " (0 points") }.joined(separator: "; ")
  }

  /// OpenBLAS's name for its kernels, and whether the environment forced them (`OPENBLAS_CORETYPE`).
  private static func blasCoreName() -> String {
    let name = BLASInfo.coreName
    guard let forced = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"], !forced.isEmpty else { return name }
    return "\(name) (OPENBLAS_CORETYPE=\(forced))"
  }

  private static func cpuModel() -> String {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
    for line in text.split(separator: "\n") where line.hasPrefix("model name") {
      if let colon = line.firstIndex(of: ":") {
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      }
    }
    return "unknown"
  }

  private static func operatingSystem() -> String {
    var name = "unknown OS"
    if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) {
      for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
        name = line.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
      }
    }
    var u = utsname()
    uname(&u)
    let release = withUnsafeBytes(of: &u.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    let machine = withUnsafeBytes(of: &u.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    return "\(name), Linux \(release) \(machine)"
  }

  /// The compiler version this file was compiled with (to the patch level for the 6.x series).
  static var swiftCompiler: String {
    #if compiler(>=7.0)
      return "7.0 or later"
    #elseif compiler(>=6.4)
      return "6.4"
    #elseif compiler(>=6.3.3)
      return "6.3.3"
    #elseif compiler(>=6.3.2)
      return "6.3.2"
    #elseif compiler(>=6.3.1)
      return "6.3.1"
    #elseif compiler(>=6.3)
      return "6.3"
    #elseif compiler(>=6.2)
      return "6.2"
    #elseif compiler(>=6.1)
      return "6.1"
    #else
      return "6.0"
    #endif
  }
}
