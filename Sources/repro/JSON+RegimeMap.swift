import Harness

extension RegimeMap.Summary {
  /// A regime map claim's counts and cells in `repro check --json` (issue 26), as `/claims/cNNN/regime_map`
  /// stores them.
  var json: [String: Any] {
    [
      "rows": rows, "columns": columns, "statistic": statistic, "premise": premise,
      "counts": [
        "both_hold": count(.bothHold), "counterexample": count(.counterexample),
        "beyond_premise": count(.beyondPremise), "both_fail": count(.bothFail),
      ],
      "cells": cells.map { c -> [String: Any] in
        [
          "row": jsonNumber(c.row), "column": jsonNumber(c.column), "seeds": c.seeds, "median": jsonNumber(c.median),
          "low": jsonNumber(c.low), "high": jsonNumber(c.high), "spread": jsonNumber(c.spread),
          "premise_median": jsonNumber(c.premiseMedian), "outcome": c.outcome.rawValue,
          "margin_sigmas": jsonNumber(c.marginSigmas),
        ]
      },
    ]
  }
}
