import Foundation

/// Why a file-system operation on `path` failed, in a few words for a one-line message: "no space left on
/// device", "permission denied", "/a/b is a file, not a directory". Foundation's own descriptions ("The
/// operation could not be completed. (NSCocoaErrorDomain error 512.)", or a dump of its user info) name
/// neither the problem nor the fix.
public func fileSystemReason(_ error: any Error, path: String) -> String {
  // A path through a file: the first existing ancestor is not a directory.
  var ancestor = (path as NSString).deletingLastPathComponent
  while !ancestor.isEmpty && ancestor != "/" && !FileManager.default.fileExists(atPath: ancestor) {
    ancestor = (ancestor as NSString).deletingLastPathComponent
  }
  var isDirectory: ObjCBool = false
  if !ancestor.isEmpty, FileManager.default.fileExists(atPath: ancestor, isDirectory: &isDirectory),
    !isDirectory.boolValue
  {
    return "\(ancestor) is a file, not a directory"
  }
  let ns = error as NSError
  var codes: [Int32] = []
  if ns.domain == NSPOSIXErrorDomain { codes.append(Int32(ns.code)) }
  // Foundation on Linux keeps the cause as a Swift `POSIXError`, which does not cast to NSError (its raw text
  // then reached the user: issue 21, item 18).
  switch ns.userInfo[NSUnderlyingErrorKey] {
  case let posix as POSIXError: codes.append(posix.code.rawValue)
  case let underlying as NSError where underlying.domain == NSPOSIXErrorDomain: codes.append(Int32(underlying.code))
  default: break
  }
  if let posix = error as? POSIXError { codes.append(posix.code.rawValue) }
  if let code = codes.first { return String(cString: strerror(code)).lowercased() }
  if ns.domain == NSCocoaErrorDomain {
    switch ns.code {
    case NSFileWriteOutOfSpaceError: return "no space left on device"
    case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "permission denied"
    case NSFileWriteVolumeReadOnlyError: return "read-only file system"
    case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or directory"
    case NSFileWriteFileExistsError: return "a file is in the way"
    case NSFileWriteInvalidFileNameError, NSFileReadInvalidFileNameError: return "the file name is invalid or too long"
    default: break
    }
  }
  let text = "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
  return text.count > 200 ? String(text.prefix(200)) + "…" : text
}
