import Foundation

/// `text` as one shell word: unchanged when it holds only characters a shell leaves alone, else in single
/// quotes (a quote inside written '\''), so a command printed as a hint works when pasted.
public func shellQuoted(_ text: String) -> String {
  let plain =
    !text.isEmpty
    && text.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        || "-_./=,:+@%".unicodeScalars.contains($0)
    }
  return plain ? text : "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
}
