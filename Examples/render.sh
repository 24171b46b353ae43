#!/usr/bin/env bash
# Renders the diagrams shown in the README: compiles two examples to DOT with cxj and lays
# them out with Graphviz. Run it after changing the examples or the DOT emitter:
#
#   Examples/render.sh
#
# Needs Graphviz (`dot`) and, for CJK and Thai text, fonts-noto-cjk and fonts-thai-tlwg.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product cxj >/dev/null
mkdir -p Examples/rendered
for example in marathon-rescue black-friday; do
  .build/debug/cxj compile "Examples/$example.cxj" --to dot -o "Examples/rendered/$example.dot" 2>/dev/null || true
  dot -Tsvg "Examples/rendered/$example.dot" -o "Examples/rendered/$example.svg"
  rm "Examples/rendered/$example.dot"
  echo "Examples/rendered/$example.svg"
done
