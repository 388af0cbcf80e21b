import Foundation

/// The PDF's creation date, pinned: cairo stamps the time of drawing, which would make every redrawn PDF
/// differ. The script pins it itself (perl); `fixCreationDate` does the same in Swift where there is no perl.
extension Gnuplot {
  /// The date every PDF carries (cairo would stamp the time of drawing).
  static let pdfDate = "20000101000000Z"

  /// cairo stamps a PDF with the local time of drawing; the script pins it to 2000-01-01 00:00:00 UTC and
  /// moves the cross-reference offsets past it by the change of length, so that running it again (by the
  /// harness or by hand, in any time zone) gives the same bytes. Without perl the script says nothing and
  /// leaves the date; `fixCreationDate` then does the same in Swift for the harness.
  static func pinDate(_ name: String) -> [String] {
    let file = "'" + (name + ".pdf").replacingOccurrences(of: "'", with: "'\\''") + "'"
    let program = [
      #"if (m{/CreationDate \(D:\d{14}[^)]*\)}) {"#,
      #"my ($at, $old) = ($-[0], length $&); my $new = "/CreationDate (D:"# + pdfDate + #")";"#,
      #"my $d = length($new) - $old; substr($_, $at, $old, $new); my $x = rindex($_, "\nxref\n");"#,
      #"if ($x > $at) { my $tail = substr($_, $x);"#,
      #"$tail =~ s{^(\d{10})( \d{5} n)}{sprintf("%010d", $1 > $at ? $1 + $d : $1) . $2}gme;"#,
      #"$tail =~ s{(startxref\s+)(\d+)}{$1 . ($2 > $at ? $2 + $d : $2)}e; substr($_, $x) = $tail } }"#,
    ].joined(separator: " ")
    return [
      "# cairo stamps the PDF with the local time of drawing: pin it (and the offsets after it), so that",
      "# drawing again, anywhere, gives the same bytes",
      "system \(quoted("command -v perl >/dev/null 2>&1 && perl -0777 -C0 -i -pe '\(program)' \(file)"))",
    ]
  }

  /// Pins a PDF's `/CreationDate (D:YYYYMMDDHHmmSS<zone>)` to `(D:20000101000000Z)`, 2000-01-01 00:00:00
  /// UTC, whatever the time zone of the drawing (cairo writes local time, `Z` or `+05'30`), and moves the
  /// cross-reference offsets and `startxref` that lie past it by the change of length, so the PDF stays
  /// valid and its bytes do not depend on where or when it was drawn. The script does the same itself
  /// (`pinDate`, in perl); this does it again where there is no perl, and changes nothing after it.
  /// False if the PDF has no such date.
  static func fixCreationDate(_ pdf: inout Data) -> Bool {
    let bytes = [UInt8](pdf)
    guard let found = pdf.range(of: Data("/CreationDate (D:".utf8)) else { return false }
    let start = found.lowerBound - pdf.startIndex
    var i = found.upperBound - pdf.startIndex
    var digits = 0
    while i < bytes.count, digits < 14, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) {
      i += 1
      digits += 1
    }
    guard digits == 14 else { return false }
    // The zone (`Z`, `+05'30`, …) up to the closing parenthesis, on the same line.
    var close = i
    while close < bytes.count, close - i < 16, bytes[close] != UInt8(ascii: ")"), bytes[close] != 0x0A { close += 1 }
    guard close < bytes.count, bytes[close] == UInt8(ascii: ")") else { return false }
    let fixed = Array("/CreationDate (D:\(pdfDate))".utf8)
    let delta = fixed.count - (close + 1 - start)
    var out = Array(bytes[..<start]) + fixed + Array(bytes[(close + 1)...])
    if delta != 0, let x = lastIndex(of: Array("\nxref\n".utf8), in: out), x > start {
      // The table and the trailer are ASCII: entries `oooooooooo ggggg n` and `startxref` then a number.
      var lines = String(decoding: out[x...], as: UTF8.self).components(separatedBy: "\n")
      var afterStartxref = false
      for k in lines.indices {
        let line = lines[k]
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        if fields.count >= 3, fields[0].count == 10, fields[1].count == 5, fields[2] == "n",
          let offset = Int(fields[0]), offset > start
        {
          lines[k] = String(format: "%010d", offset + delta) + line.dropFirst(10)
        } else if afterStartxref, let offset = Int(line), offset > start {
          lines[k] = String(offset + delta)
        }
        afterStartxref = line == "startxref"
      }
      out = Array(out[..<x]) + Array(lines.joined(separator: "\n").utf8)
    }
    pdf = Data(out)
    return true
  }

  /// Where the last occurrence of `needle` starts in `haystack`.
  static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for k in stride(from: haystack.count - needle.count, through: 0, by: -1)
    where haystack[k] == needle[0] && Array(haystack[k..<(k + needle.count)]) == needle {
      return k
    }
    return nil
  }
}
