/// The one markup of figure texts: `_{…}` is a subscript and `^{…}` a superscript (nested markup too). Every
/// other character, a bare `_` or `^` included, is drawn as written; a renderer decides how to draw the markup.
public enum Markup {
  /// True when `text` uses the markup `_{…}` (subscript) or `^{…}` (superscript).
  public static func hasMarkup(_ text: String) -> Bool { text.contains("_{") || text.contains("^{") }

  /// True when `text` has an underscore that is not the start of a subscript `_{…}`: drawn literally, it
  /// reads as a program identifier.
  public static func hasBareUnderscore(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    return scalars.indices.contains { scalars[$0] == "_" && ($0 + 1 == scalars.count || scalars[$0 + 1] != "{") }
  }
}
