#!/usr/bin/env bash
# Vendor axe-core at a pinned version (the Python wrapper bundles an older one): bash tests/vendor/axe-core/update.sh 4.14.1
set -euo pipefail; v="${1:?version}"; d=$(mktemp -d); (cd "$d" && npm pack "axe-core@$v" >/dev/null && tar xzf axe-core-*.tgz) && cp "$d/package/axe.min.js" "$d/package/LICENSE" "$(dirname "$0")/" && echo "$v" > "$(dirname "$0")/VERSION" && rm -rf "$d"
