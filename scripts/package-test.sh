#!/usr/bin/env bash
# Builds the Debian package from a copy of the work tree, checks it with
# lintian and dpkg -c, and installs, inspects and purges it in an empty root.
#
#   scripts/package-test.sh [--keep] [--deb FILE]
#
# --deb FILE skips the build and checks an existing .deb; --keep leaves the
# temporary directory (printed at the end) for inspection.
#
# What this proves: the package builds with dpkg-buildpackage on this Debian
# 12 system; lintian finds no error or undocumented warning; the files, modes
# and conffiles are the expected ones; in an empty root (dpkg --root, maintainer
# scripts run chrootless with DPKG_ROOT, as Debian's own bootstrap tools do)
# the postinst creates the service account (systemd-sysusers --root), the
# state directory (systemd-tmpfiles --root), gives the config to that group
# (in an offline root by chown/chmod; dpkg-statoverride, used on a running
# system, resolves names there and is not exercised here), leaves the unit disabled and thus not started, and the
# installed daemon accepts the shipped config with --check-config; purge
# removes the files, the conffile and the mode override.
# It also traces every library the binaries load to a package named in
# Depends: (the empty root has no libraries; the binary runs with the host's).
# What it does not prove: that the service starts under a real systemd (no
# systemd runs here; the unit is checked by tests/package/systemd_unit_test.sh
# and the notify protocol by the e2e test systemd_notify_e2e.py).
set -euo pipefail
# A command that stops the script under set -e says which one it was.
trap 'echo "package-test: stopped at line $LINENO: $BASH_COMMAND" >&2' ERR

src=$(cd "$(dirname "$0")/.." && pwd)
keep=0
deb=""
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=1 ;;
    --deb) deb=$(realpath "$2"); shift ;;
    *) echo "usage: $0 [--keep] [--deb FILE]" >&2; exit 2 ;;
  esac
  shift
done

work=$(mktemp -d /tmp/gdprd-package.XXXXXX)
cleanup() { if [ $keep -eq 0 ]; then rm -rf "$work"; else echo "package-test: kept $work"; fi; }
trap cleanup EXIT

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)

# 1. Build, from a copy: the work tree stays clean and build dirs stay out.
if [ -z "$deb" ]; then
  tree="$work/build/gdprincidentd-$version"
  mkdir -p "$tree"
  (cd "$src" && git ls-files -co --exclude-standard -z | grep -zv '^build' |
     xargs -0 tar -cf - --no-recursion 2>/dev/null) | tar -xf - -C "$tree"
  echo "package-test: building in $tree (log: $work/build.log)"
  start=$(date +%s)
  if ! (cd "$tree" && DEB_BUILD_OPTIONS="nocheck parallel=${GDPRD_JOBS:-2}" \
          dpkg-buildpackage -us -uc -b >"$work/build.log" 2>&1); then
    tail -40 "$work/build.log" >&2
    echo "FAIL: dpkg-buildpackage" >&2
    exit 1
  fi
  echo "package-test: built in $(( $(date +%s) - start ))s"
  deb=$(ls "$work"/build/gdprincidentd_"${version}"_*.deb)
fi
ok "package $(basename "$deb")"

# 2. lintian: errors and warnings fail, except those overridden with a reason
# in debian/gdprincidentd.lintian-overrides.
# The man pages are written separately; until both exist, their absence is
# the one warning let through (and said so).
suppress=()
for page in gdprincidentctl.1 gdprincidentd.8; do
  if [ ! -e "$src/docs/$page" ]; then
    echo "skip: docs/$page not written yet, lintian's no-manual-page suppressed"
    suppress=(--suppress-tags no-manual-page)
  fi
done
if lintian --fail-on error,warning --tag-display-limit 0 "${suppress[@]}" "$deb" >"$work/lintian.txt" 2>&1; then
  ok "lintian: no error or undocumented warning"
else
  cat "$work/lintian.txt" >&2
  fail "lintian"
fi
grep -E '^[IP]:' "$work/lintian.txt" || true

# 3. Contents and modes.
dpkg -c "$deb" >"$work/contents.txt"
expect() {  # expect MODE PATH
  if awk -v m="$1" -v p="./$2" '$1 == m && $6 == p { found = 1 } END { exit !found }' "$work/contents.txt"; then
    ok "contains $2 ($1)"
  else
    fail "missing $2 with mode $1"; grep -F "./$2" "$work/contents.txt" >&2 || true
  fi
}
expect -rwxr-xr-x usr/sbin/gdprincidentd
expect -rwxr-xr-x usr/bin/gdprincidentctl
expect -rwxr-xr-x usr/libexec/gdprincidentd/gdprincident-parse
expect -rw-r--r-- lib/systemd/system/gdprincidentd.service
expect -rw-r--r-- usr/lib/sysusers.d/gdprincidentd.conf
expect -rw-r--r-- usr/lib/tmpfiles.d/gdprincidentd.conf
expect -rw-r----- etc/gdprincidentd/gdprincidentd.toml
expect -rw-r--r-- usr/share/doc/gdprincidentd/copyright
expect -rw-r--r-- usr/share/doc/gdprincidentd/gdprincidentd.example.toml
for page in gdprincidentctl.1 gdprincidentd.8; do
  if [ -e "$src/docs/$page" ]; then
    expect -rw-r--r-- "usr/share/man/man${page##*.}/$page.gz"
  else
    echo "skip: docs/$page not written yet"
  fi
done
if awk '$2 != "root/root" { print; bad = 1 } END { exit !bad }' "$work/contents.txt"; then
  fail "files not owned by root/root"
else
  ok "every file owned by root/root"
fi

mkdir -p "$work/control"
dpkg-deb -e "$deb" "$work/control"
if grep -qx /etc/gdprincidentd/gdprincidentd.toml "$work/control/conffiles"; then
  ok "config is a conffile"
else
  fail "config is not a conffile"
fi
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libsystemd0 libcurl4 libsqlite3-0 libc6; do
  if grep -q "$lib" <<<"$depends"; then ok "Depends: $lib"; else fail "Depends lacks $lib: $depends"; fi
done
# Every shared library the two binaries load must come from a package named in
# Depends: (the empty root below has no libraries, so this is where a missing
# dependency would show). Each NEEDED soname is resolved on this system and
# traced to its package with dpkg -S; with merged /usr a file is registered
# under /lib or /usr/lib, as its link or as its target, so all four are tried.
owner_of() {
  local p
  for p in "$1" "$(realpath "$1")"; do
    for q in "$p" "${p#/usr}" "/usr${p#/usr}"; do
      dpkg -S "$q" 2>/dev/null | awk -F: 'NR == 1 { print $1 }' | grep . && return 0
    done
  done
  return 1
}
mkdir -p "$work/data"
dpkg-deb -x "$deb" "$work/data"
dep_names=$(tr ',|' '\n\n' <<<"$depends" | sed 's/(.*)//; s/:any//; s/ //g' | sort -u)
# Read once: piping "ldconfig -p" into an awk that stops at the first match
# kills ldconfig with SIGPIPE now and then, and pipefail makes that a failure.
ld_cache=$(ldconfig -p)
for bin in usr/sbin/gdprincidentd usr/bin/gdprincidentctl usr/libexec/gdprincidentd/gdprincident-parse; do
  for so in $(objdump -p "$work/data/$bin" | awk '$1 == "NEEDED" { print $2 }'); do
    path=$(awk -v so="$so" '$1 == so && /x86-64|x86_64/ { print $NF; exit }' <<<"$ld_cache")
    pkg=$( [ -n "$path" ] && owner_of "$path" ) || pkg=""
    # A library package's shlibs may name a virtual package it provides
    # (libspdlog1.10 provides libspdlog1.10-fmt9); either name satisfies.
    names=$( [ -n "$pkg" ] && { echo "$pkg"; dpkg-query -W -f='${Provides}' "$pkg" | tr ',' '\n' |
                                sed 's/(.*)//; s/ //g'; } ) || names=""
    if [ -z "$pkg" ]; then
      fail "$bin needs $so, which no installed package provides"
    elif grep -qxFf <(grep . <<<"$names") <<<"$dep_names"; then
      :
    else
      fail "$bin needs $so from $pkg, which Depends: does not name"
    fi
  done
done
[ $failures -eq 0 ] && ok "Depends: names the package of every library the binaries load"

if grep -q 'deb-systemd-helper enable' "$work/control/postinst" &&
   ! grep -q 'was-enabled' "$work/control/postinst"; then
  fail "postinst enables the unit unconditionally"
else
  ok "postinst does not enable the unit on a fresh install"
fi

# 4. Install into an empty root. dpkg --root chroots into the root for the
# maintainer scripts, which needs a shell there; --force-script-chrootless
# runs them on the host with DPKG_ROOT set instead, and every command they
# call (systemd-sysusers, systemd-tmpfiles, deb-systemd-helper,
# and the postinst itself) honours it.
root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/etc"
: >"$root/var/lib/dpkg/status"
: >"$root/var/lib/dpkg/available"
# sysusers adds to the root's passwd and group files; start them empty but for root.
echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
echo 'root:x:0:' >"$root/etc/group"
dpkg_root() { dpkg --root="$root" --force-script-chrootless --force-depends --log=/dev/null "$@"; }
if dpkg_root -i "$deb" >"$work/install.log" 2>&1; then
  ok "dpkg --root -i"
else
  cat "$work/install.log" >&2
  fail "dpkg --root -i"
fi
status=$(dpkg --root="$root" -s gdprincidentd 2>/dev/null | sed -n 's/^Status: //p')
[ "$status" = "install ok installed" ] && ok "status: $status" || fail "status: '$status'"

if grep -q '^gdprincidentd:x:' "$root/etc/passwd" && grep -q '^gdprincidentd:x:' "$root/etc/group"; then
  ok "service account created by sysusers"
  gid=$(awk -F: '$1 == "gdprincidentd" { print $3 }' "$root/etc/group")
  uid=$(awk -F: '$1 == "gdprincidentd" { print $3 }' "$root/etc/passwd")
  shell=$(awk -F: '$1 == "gdprincidentd" { print $7 }' "$root/etc/passwd")
  [ "$shell" = /usr/sbin/nologin ] && ok "account has no login shell" || fail "account shell $shell"
  got=$(stat -c '%a %u %g' "$root/etc/gdprincidentd/gdprincidentd.toml")
  [ "$got" = "640 0 $gid" ] && ok "config 0640 root:gdprincidentd" || fail "config mode/owner '$got', want '640 0 $gid'"
  got=$(stat -c '%a %u %g' "$root/var/lib/gdprincidentd" 2>/dev/null || echo missing)
  [ "$got" = "700 $uid $gid" ] && ok "state dir 0700 gdprincidentd" || fail "state dir '$got', want '700 $uid $gid'"
  got=$(stat -c '%a %u' "$root/etc/gdprincidentd/credentials" 2>/dev/null || echo missing)
  [ "$got" = "700 0" ] && ok "credentials dir 0700 root" || fail "credentials dir '$got'"
else
  fail "service account not created"
fi
if ls "$root"/etc/systemd/system/*.wants/gdprincidentd.service >/dev/null 2>&1; then
  fail "unit enabled on install"
else
  ok "unit not enabled (so not started) on install"
fi
# The passwords come from systemd credentials; dummy ones stand in for them,
# named as the shipped unit's folder credential names them.
mkdir -p "$work/credentials"
printf 'dummy' >"$work/credentials/gdprincidentd_imap-password"
printf 'dummy' >"$work/credentials/gdprincidentd_smtp-password"
if CREDENTIALS_DIRECTORY="$work/credentials" "$root/usr/sbin/gdprincidentd" \
     --config "$root/etc/gdprincidentd/gdprincidentd.toml" --check-config >"$work/check.log" 2>&1; then
  ok "installed daemon accepts the installed config"
else
  cat "$work/check.log" >&2
  fail "installed daemon rejects the installed config"
fi
# --check-config also runs the parse worker, confined, on a built-in report:
# the installed daemon must have found the installed worker, not another one.
if grep -qF "$root/usr/libexec/gdprincidentd/gdprincident-parse: parse worker works" "$work/check.log"; then
  ok "installed daemon finds and runs the installed parse worker"
else
  cat "$work/check.log" >&2
  fail "installed daemon did not run $root/usr/libexec/gdprincidentd/gdprincident-parse"
fi
"$root/usr/bin/gdprincidentctl" --help >/dev/null 2>&1 && ok "installed gdprincidentctl runs" ||
  fail "installed gdprincidentctl --help"

# 5. Purge: files and conffile go; the database directory stays.
if dpkg_root --purge gdprincidentd >"$work/purge.log" 2>&1; then
  ok "dpkg --root --purge"
else
  cat "$work/purge.log" >&2
  fail "dpkg --root --purge"
fi
for f in usr/sbin/gdprincidentd usr/bin/gdprincidentctl usr/libexec/gdprincidentd/gdprincident-parse \
         lib/systemd/system/gdprincidentd.service \
         etc/gdprincidentd/gdprincidentd.toml; do
  [ -e "$root/$f" ] && fail "$f left after purge"
done
[ $failures -eq 0 ] && ok "purge removes files and conffile"

if [ $failures -ne 0 ]; then
  echo "package-test: $failures failure(s)" >&2
  exit 1
fi
echo "package-test: all checks passed"
