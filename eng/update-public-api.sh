#!/usr/bin/env bash
# Rewrites each package's PublicAPI.Unshipped.txt from the current code: the public surface that PublicAPI.Shipped.txt
# does not list, one entry a line, sorted; and "*REMOVED*" entries for shipped API that is gone. It creates both files
# (with the "#nullable enable" header) for a package under src/ that has none yet.
#
#   eng/update-public-api.sh            every package under src/
#   eng/update-public-api.sh Qianfan.Sdk  only the named ones
#
# How: with the Unshipped files emptied, the packages are built once with warnings kept as warnings; the public API
# analyzer then reports every undeclared symbol (RS0016) and every vanished shipped one (RS0017) with its entry as the
# file spells it, and those entries are written back. Review the diff like code.
set -euo pipefail
cd "$(dirname "$0")/.."

header='#nullable enable'
projects=()
if [ $# -gt 0 ]; then
    for name in "$@"; do projects+=("src/$name/$name.csproj"); done
else
    for csproj in src/*/*.csproj; do projects+=("$csproj"); done
fi

for csproj in "${projects[@]}"; do
    [ -f "$csproj" ] || { echo "error: no project $csproj" >&2; exit 2; }
    dir=$(dirname "$csproj")
    [ -f "$dir/PublicAPI.Shipped.txt" ] || printf '%s\n' "$header" > "$dir/PublicAPI.Shipped.txt"
    printf '%s\n' "$header" > "$dir/PublicAPI.Unshipped.txt"
done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Each package compiles again, incremental builds notwithstanding: its Unshipped file (a compiler input) was just rewritten.
status=0
for csproj in "${projects[@]}"; do
    dotnet build "$csproj" -nologo -tl:off -v:q -clp:NoSummary \
        -p:TreatWarningsAsErrors=false -p:GenerateDocumentationFile=true >> "$log" 2>&1 || status=$?
done
if [ "$status" -ne 0 ]; then
    grep -E ': error ' "$log" | sort -u >&2 || cat "$log" >&2
    echo "error: the build failed, so the API could not be read (errors above)" >&2
    exit 1
fi

for csproj in "${projects[@]}"; do
    dir=$(dirname "$csproj")
    full=$(cd "$dir" && pwd)/$(basename "$csproj")
    {
        printf '%s\n' "$header"
        {
            # "…: warning RS0016: Symbol 'ENTRY' is not part of the declared public API (…) [PROJECT]"
            grep -F "[$full]" "$log" | sed -n "s/.*warning RS0016: Symbol '\(.*\)' is not part of the declared public API.*/\1/p"
            # "…: warning RS0017: Symbol 'ENTRY' is part of the declared API, but is either not public or could not be found"
            grep -F "[$full]" "$log" | sed -n "s/.*warning RS0017: Symbol '\(.*\)' is part of the declared API.*/*REMOVED*\1/p"
        } | LC_ALL=C sort -u
    } > "$dir/PublicAPI.Unshipped.txt"
    echo "$dir/PublicAPI.Unshipped.txt: $(($(wc -l < "$dir/PublicAPI.Unshipped.txt") - 1)) entries"
done
