/// One value of an experiment parameter.
public enum Value: Hashable, Sendable, CustomStringConvertible {
  case int(Int)
  case real(Double)
  case text(String)

  /// As the user would type it in `--set`.
  public var description: String {
    switch self {
    case .int(let i): return String(i)
    case .real(let x): return formatReal(x)
    case .text(let s): return s
    }
  }

  /// As JSON.
  public var json: String {
    switch self {
    case .int(let i): return String(i)
    case .real(let x): return x.isFinite ? formatReal(x) : "null"
    case .text(let s): return jsonString(s)
    }
  }
}

/// Shortest text that reads back as the same Double ("0.1", "1e-06", "250").
public func formatReal(_ x: Double) -> String {
  if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
  return "\(x)"
}

/// A JSON string literal.
public func jsonString(_ s: String) -> String {
  var out = "\""
  for scalar in s.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\t": out += "\\t"
    case "\r": out += "\\r"
    default:
      if scalar.value < 0x20 {
        out +=
          "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
          + String(scalar.value, radix: 16)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}
