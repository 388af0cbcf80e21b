import Foundation
import SourceHash

// source-table ROOT OUTPUT: writes OUTPUT, a Swift file declaring `BuiltSources.table`, the SHA-256 of every
// regular file of ROOT's Package.swift, Sources/ and experiments/ (hidden files skipped), by relative path.
// Run by the SourceTablePlugin at build time; the table is what the binary was built from.
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
  FileHandle.standardError.write(Data("usage: source-table ROOT OUTPUT\n".utf8))
  exit(2)
}
let root = arguments[1]
let table = SourceTree.hashes(root: root)
guard table["Package.swift"] != nil else {
  FileHandle.standardError.write(Data("source-table: no Package.swift under \(root)\n".utf8))
  exit(1)
}
var text = """
  // Generated at build time by the SourceTablePlugin (Sources/source-table): do not edit.
  // The SHA-256 of each source this binary was built from, by path relative to the package root.

  extension BuiltSources {
    public static let table: [String: String] = [

  """
for path in table.keys.sorted() {
  let quoted = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
  text += "    \"\(quoted)\": \"\(table[path]!)\",\n"
}
text += "  ]\n}\n"
let output = URL(fileURLWithPath: arguments[2])
// Unchanged bytes are not rewritten, so nothing downstream rebuilds for nothing.
if (try? Data(contentsOf: output)) != Data(text.utf8) {
  do { try Data(text.utf8).write(to: output, options: .atomic) } catch {
    FileHandle.standardError.write(Data("source-table: cannot write \(output.path): \(error)\n".utf8))
    exit(1)
  }
}
