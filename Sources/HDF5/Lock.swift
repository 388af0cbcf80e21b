import CHDF5
import Foundation

/// The serial libhdf5 build is not thread-safe, so every call into it goes
/// through this one process-wide lock. It is recursive because closing a
/// handle (in a `deinit`) may happen while the lock is already held.
private let hdf5Lock = NSRecursiveLock()

/// Runs once, on first use: turns off libhdf5's printing of error stacks to
/// stderr (errors are reported as `HDF5Error` instead).
private let hdf5Initialised: Bool = {
  repro_H5_no_atexit()
  repro_H5_silence_errors()
  return true
}()

/// Runs `body` holding the libhdf5 lock. Every libhdf5 call must be inside.
func withHDF5<T>(_ body: () throws -> T) rethrows -> T {
  hdf5Lock.lock()
  defer { hdf5Lock.unlock() }
  _ = hdf5Initialised
  // A thread-safe libhdf5 keeps the automatic error printing per thread: turn it off in this one too.
  repro_H5_silence_errors()
  return try body()
}
