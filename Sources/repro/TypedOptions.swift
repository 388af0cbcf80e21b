import Harness

/// The options that select a result, as the user typed them, for a hint naming another command on the same
/// result: `--preset` (unless paper), each `--set`, and `--results` when given; each word shell-quoted, so the
/// hint works when pasted.
func typedOptions(preset: Preset, overrides: [String], results: ResultsOption) -> String {
  var words: [String] = []
  if preset != .paper { words += ["--preset", preset.rawValue] }
  for o in overrides { words += ["--set", shellQuoted(o)] }
  if let path = results.path { words += ["--results", shellQuoted(path)] }
  return words.map { " " + $0 }.joined()
}
