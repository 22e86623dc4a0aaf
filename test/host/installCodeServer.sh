#!/usr/bin/env bash
# Installs VS Code 1.100.3 (as shipped in code-server 4.100.3) into a git-ignored cache
# folder, offline apart from the npm registry. Idempotent: a finished install is marked by a
# stamp file and returns at once. See CONTRIBUTING.md, "Tests inside a real VS Code".
set -euo pipefail

version="${CODE_SERVER_VERSION:-4.100.3}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="${KNOX_TEST_CACHE:-$root/.cache}/code-server-$version"
stamp="$cache/.installed"

if [ -f "$stamp" ]; then
  echo "code-server $version: already installed in ${cache#$root/}"
  exit 0
fi

missing=()
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || [ -f /usr/include/krb5.h ] || missing+=(libkrb5-dev)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
if [ ${#missing[@]} -gt 0 ]; then
  echo "error: the test host needs Debian packages that are not installed: ${missing[*]}." >&2
  echo "       Run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "code-server $version: installing into ${cache#$root/} (a few minutes, once)"
rm -rf "$cache"
mkdir -p "$cache"
cd "$cache"
echo '{"name":"knox-test-host","private":true}' > package.json
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
npm install --no-save --ignore-scripts --loglevel=error "code-server@$version"

vscode="$cache/node_modules/code-server/lib/vscode"
(
  cd "$vscode"
  npm install --omit=dev --ignore-scripts --loglevel=error
  mkdir -p node_modules/@vscode/ripgrep/bin
  ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
  npm rebuild --loglevel=error kerberos node-pty native-watchdog @parcel/watcher @vscode/spdlog @vscode/deviceid
  ln -sfn node_modules node_modules.asar
  cd extensions
  npm install --omit=dev --ignore-scripts --loglevel=error
)
npm rebuild --loglevel=error argon2

out="$(node node_modules/code-server/out/node/entry.js --version)"
case "$out" in
  *"with Code 1.100.3"*) ;;
  *) echo "error: code-server did not report VS Code 1.100.3 (got: $out)" >&2; exit 1 ;;
esac
touch "$stamp"
echo "code-server $version: ready ($out)"
