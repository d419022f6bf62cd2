#!/usr/bin/env bash
# The demo: installs what is missing, builds (Release, build-demo/), starts a
# private Dovecot (IMAPS) and SMTP server (STARTTLS + AUTH) on 127.0.0.1,
# delivers a few sample reports from tests/corpus, runs gdprincidentd once,
# prints the incidents and the acknowledgments it sent, and stops the
# servers. Nothing outside a temporary directory and build-demo/ is touched
# (no system Dovecot, no /etc). Works as root on a fresh Debian 12.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

echo "== building (Release) in build-demo/"
cmake -S . -B build-demo -DCMAKE_BUILD_TYPE=Release -DGDPRD_BUILD_TESTS=OFF >/dev/null
cmake --build build-demo --target gdprincidentd gdprincidentctl -j"$(nproc)"

# The system python3 has python3-aiosmtpd; a pyenv or venv python may not.
exec /usr/bin/python3 tests/e2e/demo.py build-demo
