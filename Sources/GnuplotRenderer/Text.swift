import Figures
import Foundation

/// Text in a script: string literals, comments, the figure markup as gnuplot's enhanced text, titles wrapped to
/// the frame, and numbers to 6 significant digits.
extension Gnuplot {
  /// A gnuplot double-quoted string literal holding `text` literally.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\r": break
      case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// `text` with line breaks and other control characters turned into spaces,
  /// for comments.
  static func oneLine(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
  }

  /// gnuplot enhanced text for `text`: `_{…}` and `^{…}` stay sub- and superscripts (nested markup
  /// too), every other character enhanced text treats specially (`_ ^ @ & ~ { } \`) is escaped, so it
  /// is drawn as written.
  static func enhanced(_ text: String) -> String {
    let s = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var depth = 0
    var i = 0
    while i < s.count {
      let c = s[i]
      if (c == "_" || c == "^") && i + 1 < s.count && s[i + 1] == "{" {
        out.append(c)
        out.append("{")
        depth += 1
        i += 2
        continue
      }
      if c == "}" && depth > 0 {
        out.append("}")
        depth -= 1
        i += 1
        continue
      }
      if "_^@&~{}\\".unicodeScalars.contains(c) { out.append("\\") }
      out.append(c)
      i += 1
    }
    for _ in 0..<depth { out.append("}") }
    return String(out)
  }

  /// A text argument: literal and `noenhanced` without markup, else enhanced text with the rest escaped.
  static func text(_ text: String) -> String {
    Markup.hasMarkup(text) ? quoted(enhanced(text)) : "\(quoted(text)) noenhanced"
  }

  /// `text` broken at spaces into lines of at most about `width` characters, as evenly as the words allow
  /// (a title wider than the PDF's frame would be cut off at both ends). Markup `_{…}`, `^{…}` is never split.
  static func wrapped(_ text: String, width: Int) -> String {
    // What is drawn: markup's braces and marks take no room.
    func visible(_ t: String) -> Int {
      t.count - 3 * (t.components(separatedBy: "_{").count - 1 + t.components(separatedBy: "^{").count - 1)
    }
    let length = visible(text)
    guard length > width, !text.contains("\n") else { return text }
    let lines = (length + width - 1) / width
    let target = (length + lines - 1) / lines
    var out: [String] = []
    var line = ""
    var depth = 0
    var word = ""
    func flushWord() {
      if line.isEmpty {
        line = word
      } else if visible(line) + 1 + visible(word) > target + 8 && out.count < lines - 1 {
        out.append(line)
        line = word
      } else {
        line += " " + word
      }
      word = ""
    }
    var previous: Character = " "
    for c in text {
      if c == "{" && (previous == "_" || previous == "^") { depth += 1 }
      if c == "}" && depth > 0 { depth -= 1 }
      if c == " " && depth == 0 {
        flushWord()
      } else {
        word.append(c)
      }
      previous = c
    }
    flushWord()
    out.append(line)
    return out.joined(separator: "\n")
  }

  /// A number to 6 significant digits, more than a figure can show (a plot is a few hundred pixels
  /// high, 3 digits), so that a rounding-level change of the results (another CPU's BLAS kernels)
  /// leaves the script, and so the committed figure, byte-identical. Non-finite values become
  /// `NaN`, which gnuplot treats as a gap.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "NaN" }
    let s = String(format: "%.6g", value)
    return s == "-0" ? "0" : s
  }
}
