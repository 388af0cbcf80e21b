import CHDF5
import Foundation

/// Sizes read from a file, checked before any memory is allocated for them (issue 21, item 12): a damaged or
/// crafted file can declare a dataset of 2^40 elements or extents beyond `Int`, and allocating what it
/// declares would abort the process. Data stored in the file (a contiguous or compact dataset, an attribute)
/// cannot hold more bytes than the file has; a chunked dataset may be compressed or sparse, so it is held to
/// the machine's memory instead.
enum StoredSize {
  /// The number of elements of `shape`, or nil when it does not fit in an `Int`.
  static func elements(_ shape: [Int]) -> Int? {
    var count = 1
    for extent in shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: extent)
      guard extent >= 0, !overflow else { return nil }
      count = product
    }
    return count
  }

  /// Why `shape` of `elementSize`-byte values cannot be read from the file `fid`, or nil when it can.
  /// `inFile`: the values are stored in the file itself (so at most the file's size). Call under the lock.
  static func refusal(_ shape: [Int], elementSize: Int, inFile: Bool, fid: hid_t) -> String? {
    let declared = shape.map(String.init).joined(separator: "×")
    guard let count = elements(shape) else {
      return "its extents \(declared) overflow: the file is damaged; rewrite it"
    }
    let (bytes, overflow) = count.multipliedReportingOverflow(by: max(elementSize, 1))
    let limit: UInt64
    let what: String
    if inFile {
      var size: hsize_t = 0
      guard H5Fget_filesize(fid, &size) >= 0 else { return nil }
      limit = UInt64(size)
      what = "the file's \(bytesText(limit))"
    } else {
      limit = ProcessInfo.processInfo.physicalMemory
      what = "this machine's \(bytesText(limit)) of memory"
    }
    guard overflow || UInt64(bytes) > limit else { return nil }
    let needed = overflow ? "more than \(bytesText(UInt64(Int.max)))" : bytesText(UInt64(bytes))
    return "it declares \(count) values (\(needed)), more than \(what) can hold: the file is damaged; rewrite it"
  }

  /// Whether the dataset `dataset` keeps its values in the file as declared (contiguous or compact layout).
  static func storedInFile(_ dataset: hid_t) -> Bool {
    let plist = H5Dget_create_plist(dataset)
    guard plist >= 0 else { return true }
    defer { H5Pclose(plist) }
    let layout = H5Pget_layout(plist)
    return layout == H5D_CONTIGUOUS || layout == H5D_COMPACT
  }

  static func bytesText(_ bytes: UInt64) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f", value) + " " + units[unit]
  }
}
