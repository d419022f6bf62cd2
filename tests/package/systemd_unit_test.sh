#!/usr/bin/env bash
# Checks the systemd files in systemd/ with systemd's own tools, no running
# systemd needed:
#   1. systemd-analyze verify on a copy of the unit whose ExecStart= points at
#      the built daemon (verify insists the binary exists);
#   2. systemd-analyze security --offline=true: overall exposure <= 2.0;
#   3. systemd-sysusers --root and systemd-tmpfiles --root on an empty root:
#      the account (no login shell) and the directories with their modes.
#
#   systemd_unit_test.sh SOURCE_DIR DAEMON_BINARY
set -euo pipefail
src=$1
daemon=$(realpath "$2")
max_exposure=2.0
tmp=$(mktemp -d /tmp/gdprd-unit-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

[ -x "$daemon" ] || { echo "FAIL: no daemon binary at $daemon" >&2; exit 1; }
unit="$tmp/gdprincidentd.service"
sed "s#/usr/sbin/gdprincidentd#$daemon#g" "$src/systemd/gdprincidentd.service" >"$unit"
grep -q "ExecStart=$daemon " "$unit" || fail "ExecStart= not rewritten"

# 1. verify: any message (unknown key, bad value, missing binary) is a failure.
# It also runs man for each Documentation=man: page; the pages come from
# docs/ (MANPATH), and while they are not written yet that check is skipped.
man_check=(--man=yes)
mkdir -p "$tmp/man/man1" "$tmp/man/man8"
for page in gdprincidentctl.1 gdprincidentd.8; do
  if [ -e "$src/docs/$page" ]; then
    cp "$src/docs/$page" "$tmp/man/man${page##*.}/"
  else
    echo "skip: docs/$page not written yet, verify runs with --man=no"
    man_check=(--man=no)
  fi
done
if out=$(cd "$tmp" && MANPATH="$tmp/man" systemd-analyze verify "${man_check[@]}" "$unit" 2>&1) && [ -z "$out" ]; then
  ok "systemd-analyze verify"
else
  fail "systemd-analyze verify: $out"
fi

# 2. security exposure.
out=$(cd "$tmp" && systemd-analyze security --offline=true "$unit" 2>&1 || true)
exposure=$(sed -n 's/.*Overall exposure level for gdprincidentd.service: \([0-9.]*\).*/\1/p' <<<"$out")
if [ -z "$exposure" ]; then
  fail "no exposure figure: $out"
elif awk -v e="$exposure" -v m="$max_exposure" 'BEGIN { exit !(e <= m) }'; then
  ok "exposure $exposure <= $max_exposure"
else
  grep '✗' <<<"$out" >&2
  fail "exposure $exposure > $max_exposure"
fi

# The daemon's needs that hardening must not take away.
for line in "Type=notify" "User=gdprincidentd" "StateDirectory=gdprincidentd" \
            "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" "NoNewPrivileges=yes" "ProtectSystem=strict" \
            "LoadCredential=gdprincidentd:/etc/gdprincidentd/credentials"; do
  grep -qxF "$line" "$unit" && ok "unit has $line" || fail "unit lacks $line"
done

# 3. sysusers and tmpfiles on an empty root.
root="$tmp/root"
mkdir -p "$root/etc"
echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
echo 'root:x:0:' >"$root/etc/group"
if systemd-sysusers --root="$root" "$src/systemd/gdprincidentd.sysusers" >"$tmp/sysusers.log" 2>&1; then
  entry=$(grep '^gdprincidentd:' "$root/etc/passwd" || true)
  IFS=: read -r _ _ uid gid _ home shell <<<"$entry"
  if [ -n "$entry" ] && [ "$uid" -gt 0 ] && [ "$uid" -lt 1000 ] && [ "$shell" = /usr/sbin/nologin ] &&
     [ "$home" = /var/lib/gdprincidentd ] && grep -q "^gdprincidentd:x:$gid:" "$root/etc/group"; then
    ok "sysusers: system account $uid:$gid, no login shell"
  else
    fail "sysusers entry '$entry'"
  fi
else
  fail "systemd-sysusers: $(cat "$tmp/sysusers.log")"
fi
if systemd-tmpfiles --root="$root" --create "$src/systemd/gdprincidentd.tmpfiles" >"$tmp/tmpfiles.log" 2>&1; then
  check_dir() {  # check_dir PATH MODE OWNER
    got=$(stat -c '%a %u' "$root$1" 2>/dev/null || echo missing)
    [ "$got" = "$2 $3" ] && ok "tmpfiles: $1 $2" || fail "tmpfiles: $1 is '$got', want '$2 $3'"
  }
  check_dir /var/lib/gdprincidentd 700 "${uid:-?}"
  check_dir /etc/gdprincidentd 755 0
  check_dir /etc/gdprincidentd/credentials 700 0
else
  fail "systemd-tmpfiles: $(cat "$tmp/tmpfiles.log")"
fi

[ $failures -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "systemd unit checks passed"
