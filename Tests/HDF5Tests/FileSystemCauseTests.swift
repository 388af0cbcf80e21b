import Foundation
import HDF5
import Testing

/// Issue 21, item 18: Foundation on Linux wraps the system's cause in a Swift `POSIXError`, which
/// `fileSystemReason` missed, so the raw NSError text ("Error Domain=NSCocoaErrorDomain Code=514 …") reached
/// the user. Root-proof: the errors are the ones Foundation throws, made or reproduced without permissions.
@Suite struct FileSystemCauseTests {
  @Test func aPathOverTheSystemLimitIsNamedAsSuch() throws {
    let long =
      FileManager.default.temporaryDirectory.path + "/"
      + Array(repeating: String(repeating: "a", count: 200), count: 22).joined(separator: "/")
    do {
      try FileManager.default.createDirectory(atPath: long, withIntermediateDirectories: true)
      Issue.record("a \(long.count)-character path was created")
    } catch {
      let reason = fileSystemReason(error, path: long)
      #expect(reason == "file name too long", "\(reason)")
    }
  }

  @Test func theSwiftPOSIXCauseOfACocoaErrorIsRead() {
    let path = "/nonexistent-dir/x"
    for (code, words) in [(POSIXErrorCode.EROFS, "read-only file system"), (.EPERM, "operation not permitted")] {
      let error = CocoaError(
        .fileWriteNoPermission, userInfo: [NSUnderlyingErrorKey: POSIXError(code), NSFilePathErrorKey: path])
      #expect(fileSystemReason(error, path: path) == words)
    }
    #expect(
      fileSystemReason(CocoaError(.fileWriteInvalidFileName), path: path) == "the file name is invalid or too long")
  }
}
