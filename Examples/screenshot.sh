#!/usr/bin/env bash
# Builds the example documentation site and screenshots one journey page for the README:
#
#   Examples/screenshot.sh
#
# Needs Debian's chromium (headless) and, for CJK and Thai text, fonts-noto-cjk and
# fonts-thai-tlwg. The site goes to .build/example-site; the picture to Examples/rendered/.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product cxj >/dev/null
.build/debug/cxj doc Examples -o .build/example-site 2>/dev/null
mkdir -p Examples/rendered
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1450 \
  --screenshot="$PWD/Examples/rendered/site-journey.png" \
  "file://$PWD/.build/example-site/journeys/marathon.html" 2>/dev/null
echo "Examples/rendered/site-journey.png"
