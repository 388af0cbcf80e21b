import CHDF5

/// Collects the messages of libhdf5's error stack during `H5Ewalk2`.
private final class MessageCollector {
  var messages: [String] = []
}

/// The most specific message on libhdf5's current error stack (e.g. "file
/// signature not found"), or a generic text if the stack is empty. Call it
/// (under the lock) right after the failing call: the next libhdf5 API call
/// clears the stack.
func hdf5StackMessage() -> String {
  let collector = MessageCollector()
  let walker: H5E_walk2_t = { _, error, data in
    guard let error, let data, let description = error.pointee.desc else { return 0 }
    let collector = Unmanaged<MessageCollector>.fromOpaque(data).takeUnretainedValue()
    collector.messages.append(String(cString: description))
    return 0
  }
  withExtendedLifetime(collector) {
    _ = H5Ewalk2(
      repro_H5E_DEFAULT(), H5E_WALK_UPWARD, walker,
      Unmanaged.passUnretained(collector).toOpaque())
  }
  let message = collector.messages.first { !$0.isEmpty } ?? "libhdf5 call failed"
  return plainReason(message)
}

/// libhdf5's file-driver messages ("file write failed: time = …, filename = '…', file descriptor = 3,
/// errno = 28, error message = 'No space left on device', …") reduced to their cause, with the fix for a
/// full disk.
func plainReason(_ message: String) -> String {
  guard let start = message.range(of: "error message = '"),
    let end = message[start.upperBound...].firstIndex(of: "'")
  else { return message }
  let cause = message[start.upperBound..<end].lowercased()
  let what = message.prefix { $0 != ":" }
  if message.contains("errno = 28") || cause.contains("no space") {
    return "\(what): no space left on device (the disk is full: free space and run again)"
  }
  return "\(what): \(cause)"
}
