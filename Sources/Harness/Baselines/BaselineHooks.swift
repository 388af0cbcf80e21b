import Synchronization

/// Where tests interleave another process's step deterministically (issue 21, item 11). Never set outside
/// tests.
public enum BaselineHooks {
  /// Called by `bless` with the result's path, once it has read the result it will validate and copy.
  public static var afterResultRead: (@Sendable (String) -> Void)? {
    get { hook.withLock { $0 } }
    set { hook.withLock { $0 = newValue } }
  }
  private static let hook = Mutex<(@Sendable (String) -> Void)?>(nil)
}
