#!/bin/sh
# Every atheris target in turn for SECONDS_EACH seconds (default 600), restarted after a crash so one
# bug does not end the run; crashes land in WORK/artifacts, the grown corpora in WORK/corpus.
# Usage: tests/fuzz/run_all.sh WORK [SECONDS_EACH] [TARGET...]   (run from the repository, atheris installed)
set -u
work=$1; each=${2:-600}; shift; [ $# -gt 0 ] && shift
targets=${*:-parser markdown text anki anki_collection anki_values}
[ -d "$work/corpus" ] || python tests/fuzz/seeds.py "$work/corpus"
mkdir -p "$work/artifacts" "$work/logs"
for target in $targets; do
    mkdir -p "$work/corpus/$target"
    start=$(date +%s)
    while left=$((each - ($(date +%s) - start))); [ "$left" -gt 5 ]; do
        python tests/fuzz/run_atheris.py "$target" "$work/corpus/$target" -max_total_time="$left" -timeout=10 \
            -rss_limit_mb=3000 -artifact_prefix="$work/artifacts/$target-" -print_final_stats=1 \
            >>"$work/logs/$target.log" 2>&1
        echo "$target: exit $? after $(($(date +%s) - start)) s" >>"$work/logs/summary.log"
    done
done
