# repro: `make all` installs what is missing, builds, runs every experiment at
# the paper preset and draws every figure; `make test` runs the unit tests and
# every experiment at its quick preset.

SWIFT      ?= swift
# Every target imports only what Package.swift declares for it (e.g. the figure model imports nothing of the renderer
# or the harness); SwiftPM checks it before building. It does not see an import of a transitive dependency.
IMPORT_CHECK := --explicit-target-dependency-import-check error
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
BIN        := .build/release/repro
DEBUG_BIN  := .build/debug/repro
APT        := libhdf5-dev hdf5-tools gnuplot-nox libopenblas-dev liblapacke-dev pkg-config python3-h5py python3-pandas
QUICK      := results/quick

# One module per file: experiments/<paper>/<name>.swift is experiment <paper>-<name> (lower case; a
# paper's shared files beside its modules start with a capital, e.g. Vardi2022Setting.swift).
MODULES    := $(sort $(wildcard experiments/*/[a-z]*.swift))
id_of       = $(notdir $(patsubst %/,%,$(dir $(1))))-$(basename $(notdir $(1)))
IDS        := $(foreach f,$(MODULES),$(call id_of,$(f)))
# OpenBLAS core types this CPU can run (for `make portability`), and "default" for OpenBLAS's own choice.
CORES      := $(shell for c in Sandybridge:avx Haswell:avx2 Zen:avx2 SkylakeX:avx512f; do \
                grep -qw $${c#*:} /proc/cpuinfo 2>/dev/null && echo $${c%%:*}; done) default

results: $(IDS:%=results/%.h5)

.PHONY: all drawn results deps build quick test test-slurm stress check baselines portability bench bench-peers clean list status man help FORCE
.DELETE_ON_ERROR:

# Two experiments (or an experiment and a drawing) at a time, each with --jobs $(JOBS): a module's last points and
# its figures no longer leave a core idle. Lines stay whole (--output-sync=line); each progress line names its id.
PARALLEL   := --no-print-directory -j$(JOBS) --output-sync=line BUILT=1

all: build ## install what is missing, build, run every stale experiment at the paper preset (and its negative controls), draw every figure and the gallery
	@$(MAKE) $(PARALLEL) drawn
	@echo "all figures are up to date: figures/README.md"

drawn: $(IDS:%=figures/%/.drawn) figures/.gallery

deps: ## install the missing system packages with apt-get (sudo when not root)
	@missing=""; \
	for p in $(APT); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# Only the product make all runs: `make bench` builds repro-bench, `make test` the tests.
# (A sub-make started by `all` or `check` after the build passes BUILT=1: it does not build again.)
ifdef BUILT
build: ;
else
build: deps ## build the release binary .build/release/repro
	$(SWIFT) build -c release --product repro $(IMPORT_CHECK)
endif

# An experiment reruns only when its result is stale: decided by content (the fingerprint of its
# sources, its preset and parameters; `repro status` says what changed), never by file times. An
# up-to-date result file is not touched, so its figures are not redrawn either. Its negative controls
# (quick runs under results/controls/) run too when stale, and their outcomes are stored with the claims
# (which touches the result only when they changed), so the gallery shows them as the committed one does.
define experiment_rules
results/$(1).h5: FORCE | build
	@$(BIN) run $(1) --preset paper --jobs $(JOBS) --if-stale --controls
figures/$(1)/.drawn: results/$(1).h5 | build
	$(BIN) plot $(1) --no-gallery
	@touch $$@
endef
$(foreach id,$(IDS),$(eval $(call experiment_rules,$(id))))

# The gallery reads every result and computes every experiment's figures and claims: written once, after the
# figures, whenever any was redrawn (not once per figure folder).
figures/.gallery: $(IDS:%=figures/%/.drawn) | build
	$(BIN) plot --gallery-only
	@touch $@

status: build ## say of each paper result whether it is up to date, stale (and what changed) or missing
	@$(BIN) status

# Every experiment at its quick preset (seconds), results and figures under results/quick/.
quick: build ## every experiment at its quick preset (seconds), results and figures under results/quick/
	@for id in $(IDS); do \
	  $(BIN) run $$id --preset quick --jobs $(JOBS) --quiet && \
	  $(BIN) plot $$id --preset quick || exit 1; \
	done

# Unit tests, then every experiment at its quick preset, diffed against its quick baseline.
test: deps ## unit tests, then every quick preset diffed against its quick baseline
	$(SWIFT) build --build-tests $(IMPORT_CHECK)
	$(SWIFT) test $(IMPORT_CHECK)
	@for id in $(IDS); do \
	  echo "quick run: $$id"; \
	  $(DEBUG_BIN) run $$id --preset quick --jobs $(JOBS) --quiet && \
	  $(DEBUG_BIN) plot $$id --preset quick || exit 1; \
	done
	$(DEBUG_BIN) diff --all --preset quick
	@$(MAKE) --no-print-directory test-python

# The README's "Reading results from Python": docs/read_results.py (h5py + pandas) on every quick result, checked
# against h5py read directly and `repro check --all --json` (on a copy: check stores its verdicts). Fails under
# CI=true when h5py or pandas is missing. Run by `make test` after the quick runs; PY_RESULTS=DIR for another folder.
.PHONY: test-python
PY_RESULTS ?= $(QUICK)
test-python: deps ## check docs/read_results.py (the README's Python reader) on every quick result
	scripts/test-python-snippet.sh $(PY_RESULTS)

# A real single-node Slurm (installed with apt-get if missing, started under a temporary directory, stopped
# at the end): a quick experiment as a 4-task job array with a merge job, compared with a local run; then a
# cancelled shard, reported by the merge and completed by `repro submit --resubmit-missing`.
test-slurm: build ## a real single-node Slurm: a sharded sweep as a job array, a cancelled shard resubmitted
	scripts/test-slurm.sh

# repro bisect on a small git repository made from the committed sources, with a planted one-character change in
# one experiment between a README-only commit and another paper's commit: it must name the planted commit and
# build only that one (one release build from scratch in its temporary scratch folder: minutes).
.PHONY: test-bisect
test-bisect: build ## repro bisect finds a planted commit in a small repository, building only the commits that matter
	scripts/test-bisect.sh

# 100 random SIGKILLs of run, bless and plot; then no temporary, no gnuplot, every figure whole.
stress: build ## 100 random SIGKILLs of run, bless and plot; nothing partial may be left
	scripts/stress-kill.sh 100

# Every experiment at the paper preset; the paper's claims, each held against its negative control
# (a quick-preset run under results/controls/ on which the claim must fail); the paper baselines.
check: build ## hold every claim against the paper results, run the negative controls, diff against the paper baselines
	@$(MAKE) $(PARALLEL) results
	$(BIN) check --all --controls --jobs $(JOBS)
	$(BIN) diff --all --preset paper

# Re-bless every baseline from fresh runs (for deliberate changes: say why in the commit message),
# after measuring how far each dataset moves under other BLAS kernels and 1-ulp input changes
# (stored beside each baseline; `repro diff` takes its tolerances from it).
baselines: build $(IDS:%=results/%.h5) ## measure sensitivities and re-bless every baseline (only on purpose: say why in the commit)
	@for id in $(IDS); do \
	  $(BIN) run $$id --preset quick --jobs $(JOBS) --quiet || exit 1; \
	done
	$(BIN) sensitivity --all --preset quick --jobs $(JOBS)
	$(BIN) sensitivity --all --preset paper --jobs $(JOBS)
	$(BIN) bless --all --preset quick
	$(BIN) bless --all --preset paper

# Every experiment at its quick preset under each OpenBLAS core type this CPU runs, diffed against
# the quick baselines: the baselines hold whichever kernels the next machine's CPU selects.
portability: build ## rerun every quick preset under each OpenBLAS core type this CPU runs and diff against the quick baselines
	@for core in $(CORES); do \
	  echo "quick runs with OpenBLAS core type: $$core"; \
	  for id in $(IDS); do \
	    if [ $$core = default ]; then env -u OPENBLAS_CORETYPE $(BIN) run $$id --preset quick --jobs $(JOBS) --quiet --fresh --results $(QUICK)-$$core >/dev/null; \
	    else OPENBLAS_CORETYPE=$$core $(BIN) run $$id --preset quick --jobs $(JOBS) --quiet --fresh --results $(QUICK)-$$core >/dev/null; fi || exit 1; \
	  done; \
	  $(BIN) diff --all --preset quick --results $(QUICK)-$$core > $(QUICK)-$$core/diff.txt || { cat $(QUICK)-$$core/diff.txt; exit 1; }; \
	  tail -1 $(QUICK)-$$core/diff.txt; \
	done

bench: deps ## speed of the hot loops against this machine's DGEMM rate
	$(SWIFT) build -c release --product repro-bench
	.build/release/repro-bench

# repro's benchmarked steps against the same steps in JAX and PyTorch (eager and torch.compile), float64, all
# pinned to one core (bench/peers/README.md). Installs pinned versions with pip into a virtualenv outside git
# (PEERS_VENV) the first time: needs PyPI, so it is not part of CI. PEERS_ARGS go to steps.py (e.g. --rounds 3).
PEERS_VENV ?= .peers-venv
PEERS_OUT  ?= results/peers
PEERS_CORE ?= 0
PEERS_ARGS ?=
PEERS_PYTHON ?= python3
PEERS_PY   := $(abspath $(PEERS_VENV))/bin/python
PEERS_RUN  := taskset -c $(PEERS_CORE) env OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
              XLA_FLAGS="--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"

$(abspath $(PEERS_VENV))/.installed: bench/peers/requirements.txt
	test -x $(PEERS_PY) || $(PEERS_PYTHON) -m venv $(abspath $(PEERS_VENV))
	$(PEERS_PY) -m pip install -q -r bench/peers/requirements.txt
	@touch $@

bench-peers: deps $(abspath $(PEERS_VENV))/.installed ## repro's steps against JAX and PyTorch on one core (pip installs into .peers-venv/ once)
	$(SWIFT) build -c release --product repro-bench
	@rm -rf $(PEERS_OUT)/check && mkdir -p $(PEERS_OUT)
	$(PEERS_RUN) .build/release/repro-bench --peer-check $(PEERS_OUT)/check
	cd bench/peers && $(PEERS_RUN) $(PEERS_PY) check.py $(abspath $(PEERS_OUT))/check
	cd bench/peers && $(PEERS_RUN) $(PEERS_PY) steps.py --repro-bench $(abspath .build/release/repro-bench) \
	  --save-repro $(abspath $(PEERS_OUT))/repro-bench.txt $(PEERS_ARGS)

# `repro archive` checked by others' tools (issue 27, items 5-6): the RO-Crate community's validator (roc-validator),
# ro-crate-py (whose bundled RO-Crate context lets the validator run without network) and cffconvert, pinned in
# scripts/archive-requirements.txt, pip-installed once into a virtualenv outside git (ARCHIVE_VENV). test-archive
# archives two quick results from a scratch run and validates the crate, both CITATION.cff files, every sha256.
.PHONY: archive-validator test-archive
ARCHIVE_VENV   ?= .archive-venv
ARCHIVE_PYTHON ?= python3
ARCHIVE_PY     := $(abspath $(ARCHIVE_VENV))/bin/python

$(abspath $(ARCHIVE_VENV))/.installed: scripts/archive-requirements.txt
	test -x $(ARCHIVE_PY) || $(ARCHIVE_PYTHON) -m venv $(abspath $(ARCHIVE_VENV)) || { \
	  rm -rf $(abspath $(ARCHIVE_VENV)); if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get install -y -qq --no-install-recommends python3-venv >/dev/null && \
	  $(ARCHIVE_PYTHON) -m venv $(abspath $(ARCHIVE_VENV)); }
	$(ARCHIVE_PY) -m pip install -q -r scripts/archive-requirements.txt
	@touch $@

archive-validator: $(abspath $(ARCHIVE_VENV))/.installed ## pip-install the RO-Crate validator and cffconvert into .archive-venv/ (once)

test-archive: deps archive-validator ## archive two quick results and validate the bundle (RO-Crate validator, cffconvert, sha256, h5py)
	$(SWIFT) build --product repro $(IMPORT_CHECK)
	ARCHIVE_VENV=$(abspath $(ARCHIVE_VENV)) scripts/test-archive.sh

list: build ## list the experiments
	@$(BIN) list

clean: ## remove the build, fresh results and figure stamps (committed figures and baselines stay)
	rm -rf .build results/*.h5 results/controls $(QUICK) $(QUICK)-* $(foreach id,$(IDS),figures/$(id)/.drawn) figures/.gallery

# The man page, generated by swift-argument-parser's plugin from the command definitions (dated by the last
# commit, so regenerating it from the same sources gives the same file).
man: build ## generate the man page man/repro.1 from the command definitions
	@mkdir -p man
	$(SWIFT) package --disable-sandbox generate-manual --date "$$(git log -1 --format=%cs 2>/dev/null || date +%F)" --output-directory man >/dev/null
	@echo "man/repro.1: read it with man ./man/repro.1"

help: ## this list
	@awk -F':.*## ' '/^[a-z-]+:.*## / { printf "  make %-12s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)
