import Foundation

/// `repro-bench --help` (or `-h`): what the options do, printed before anything is timed. Any other argument that
/// is not an option below (or the value of one) is refused the same way, with exit status 2, so a typo does not
/// start the four-minute run.
let benchUsage = """
  usage: repro-bench [--quick | --adversarial-step [SECONDS] | --adversarial-parts | --peer-check DIR | --help]

  Times the hot loops on this machine against its single-thread DGEMM rate and writes
  results/.machine-rates.json (Sources/repro-bench/README.md). With no option: every table (about 4 minutes).

    --quick                     every table but frei2023-robust-accuracy's large point
    --adversarial-step [S]      only gao2019's d = 100, m = 4096 step, timed for S seconds (default 3)
    --adversarial-parts         only that step's GEMM shapes and σ pass, one by one, and a digest of W
    --peer-check DIR            write the reference bench/peers/ is checked against into DIR, and stop
    -h, --help                  print this and exit
  """

/// Prints the usage and exits 0 on `--help`/`-h`; prints it to stderr and exits 2 on an unknown argument.
func handleUsage(_ arguments: [String]) {
  let options: Set<String> = ["--quick", "--adversarial-step", "--adversarial-parts", "--peer-check"]
  if arguments.contains("--help") || arguments.contains("-h") {
    print(benchUsage)
    exit(0)
  }
  var previous = ""
  for argument in arguments {
    defer { previous = argument }
    if options.contains(argument) { continue }
    // The values of --peer-check (a directory) and --adversarial-step (seconds).
    if previous == "--peer-check" || (previous == "--adversarial-step" && Double(argument) != nil) { continue }
    FileHandle.standardError.write(Data("repro-bench: unknown argument '\(argument)'\n\n\(benchUsage)\n".utf8))
    exit(2)
  }
}
