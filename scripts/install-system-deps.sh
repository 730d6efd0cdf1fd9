#!/usr/bin/env bash
# Installs the system packages the test suite talks to for real: Prometheus + promtool (Debian), and a
# `docker compose` client built from Docker's own Go module (no engine is needed to validate compose files).
# Idempotent: does nothing for what is already there.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-system-deps: not root and no sudo; install these Debian packages yourself: $*" >&2
  fi
fi

debian_packages=(prometheus chromium postgresql)
missing=()
for pkg in "${debian_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-system-deps: apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  # Debian's prometheus package tries to start a system service; our tests start their own instance instead.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v promtool >/dev/null || { echo "install-system-deps: promtool missing after install" >&2; exit 1; }

# docker compose v5 CLI, built from source through the Go module proxy (Debian only packages compose v1).
COMPOSE_VERSION=v5.6.0
compose_bin="$root/.cache/bin/docker-compose"
if ! "$compose_bin" version >/dev/null 2>&1; then
  command -v go >/dev/null || { echo "install-system-deps: Go is needed to build docker compose" >&2; exit 1; }
  echo "install-system-deps: building docker compose $COMPOSE_VERSION (one-time, a few minutes)"
  mkdir -p "$root/.cache/bin"
  # `go install pkg@version` refuses modules whose go.mod has replace/exclude directives, so build inside
  # the downloaded module instead (same sources, same go.sum).
  src="$(go mod download -json "github.com/docker/compose/v5@$COMPOSE_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -d "$src" ] || { echo "install-system-deps: could not download docker compose $COMPOSE_VERSION" >&2; exit 1; }
  (cd "$src" && go build -trimpath -o "$compose_bin" ./cmd)
fi
# Also register it as a docker CLI plugin so `docker compose` works where the docker client exists.
if command -v docker >/dev/null 2>&1; then
  mkdir -p "$HOME/.docker/cli-plugins"
  ln -sf "$compose_bin" "$HOME/.docker/cli-plugins/docker-compose"
fi
echo "install-system-deps: ok"
