import Foundation

/// Why a figure could not be drawn, in one line that names the fix.
public struct GnuplotError: Error, CustomStringConvertible, Equatable, Sendable {
  public enum Kind: String, Sendable {
    case notFound, cannotRun, noCairo, failed, noOutput, badName, fileSystem
  }
  public let kind: Kind
  public let description: String

  init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.description = message.split(whereSeparator: \.isNewline).joined(separator: " ")
  }

  static let notFound = GnuplotError(
    .notFound, "gnuplot not found on PATH: install it with `make deps` (Debian package gnuplot-nox)"
  )
}
