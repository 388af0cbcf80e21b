import Foundation

/// The lint every module's figures pass (`FigureLintTests`): what a reader would stumble on.
extension Figure {
  /// What a reader would stumble on, one line each; empty when there is nothing: a missing caption, a
  /// literal underscore (an identifier, or a subscript written without braces), a caption with markup.
  public var problems: [String] {
    var out: [String] = []
    if caption.trimmingCharacters(in: .whitespaces).isEmpty { out.append("\(name): no caption") }
    if caption.contains("_") || caption.contains("^{") {
      out.append("\(name): the caption has an underscore or markup (it is plain text): \(caption)")
    }
    for text in texts where Markup.hasBareUnderscore(text) {
      out.append("\(name): a literal underscore in \"\(text)\" (write a subscript as _{…}, or reword)")
    }
    return out
  }
}
