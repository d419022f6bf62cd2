#!/usr/bin/env bash
# Installs every Debian 12 package that the build, the tests, the demo and the
# benchmarks need. Idempotent: packages already present are skipped, so a
# second run costs one dpkg query and no network.
set -euo pipefail

PKGS=(
  # toolchain
  build-essential cmake pkg-config git ca-certificates
  # libraries (design card + the document readers)
  libcurl4-openssl-dev libmimetic-dev libsqlite3-dev sqlite3 libspdlog-dev libfmt-dev
  libboost-dev libboost-system-dev libgtest-dev libgmock-dev
  libtomlplusplus-dev libzip-dev libpugixml-dev libpoppler-cpp-dev libsystemd-dev
  libxml2-dev nlohmann-json3-dev libssl-dev zlib1g-dev
  # test harness: private IMAP server, SMTP server, certificates
  dovecot-imapd python3 python3-aiosmtpd openssl procps util-linux
  # benchmarks (bench/run.sh): mbsync, curl's IMAP client, /usr/bin/time -v
  isync curl time
  # Debian package and its checks (debian/, scripts/package-test.sh)
  debhelper lintian
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PKGS[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}; run as root" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The Debian dovecot package enables and starts a system instance; the tests run
# their own private instance and never need the system one.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet dovecot 2>/dev/null; then
  systemctl disable --now dovecot >/dev/null 2>&1 || true
fi
