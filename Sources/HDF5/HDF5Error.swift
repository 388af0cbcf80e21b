import Foundation

/// A failed HDF5 operation, naming the file, the object and what went wrong.
///
/// `description` is one line, e.g.
/// `HDF5: cannot open dataset '/scalars/radius' in results/x.h5: no such object`.
public struct HDF5Error: Error, CustomStringConvertible, LocalizedError, Sendable, Equatable {
  /// The file's path as the caller gave it (never the temporary name).
  public var file: String
  /// The object's absolute path inside the file (e.g. "/a/b"), or nil for file-level errors.
  public var object: String?
  /// What failed, e.g. "cannot open dataset".
  public var action: String
  /// Why, e.g. "no such object"; for libhdf5 failures, its innermost error message.
  public var reason: String

  public init(file: String, object: String?, action: String, reason: String) {
    self.file = file
    self.object = object
    self.action = action
    self.reason = reason
  }

  public var description: String {
    // libhdf5's own messages can span lines ("file write failed: time = …\n, filename = …"): keep one.
    let reason = self.reason.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: " ")
    if let object {
      return "HDF5: \(action) '\(object)' in \(file): \(reason)"
    }
    return "HDF5: \(action) \(file): \(reason)"
  }

  public var errorDescription: String? { description }
}
