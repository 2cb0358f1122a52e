#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang-14 (ASan + UBSan) into
# ./build-fuzz (scripts/sanitize-build.sh), then for every target replays its corpus (fuzz/corpus/<target>:
# seeds and the regression input of every crash found) and fuzzes it for
# FUZZ_SECONDS seconds (default 25; 0 replays only). docs/security.md.
# Usage: scripts/fuzz.sh [target ...]   (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-25}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json_decoders_fuzzer match_instance_fuzzer
  cursor_query_fuzzer http_request_fuzzer audit_chain_fuzzer)

scripts/sanitize-build.sh "${targets[@]}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
for target in "${targets[@]}"; do
  corpus="fuzz/corpus/$target"
  log="build-fuzz/$target.log"
  echo "fuzz: $target: replaying $(ls "$corpus" | wc -l) inputs"
  if ! "build-fuzz/fuzz/$target" -runs=0 "$corpus" >"$log" 2>&1; then
    tail -n 40 "$log"; echo "fuzz: $target fails on its corpus"; exit 1
  fi
  [ "$seconds" -gt 0 ] || continue
  # New inputs go to a scratch folder: the committed corpus changes only by hand.
  scratch="build-fuzz/corpus/$target"
  mkdir -p "$scratch"
  echo "fuzz: $target: fuzzing for ${seconds}s"
  if ! "build-fuzz/fuzz/$target" -max_total_time="$seconds" -print_final_stats=1 \
      -artifact_prefix="build-fuzz/$target-" "$scratch" "$corpus" >"$log" 2>&1; then
    tail -n 60 "$log"; echo "fuzz: $target found a crash (build-fuzz/$target-*)"; exit 1
  fi
  grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$log" || true
done
