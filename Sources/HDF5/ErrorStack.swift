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
  return collector.messages.first { !$0.isEmpty } ?? "libhdf5 call failed"
}
