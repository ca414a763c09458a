#!/usr/bin/env bash
# Install Debian packages the test suite needs, non-interactively (as root, or with sudo).
set -euo pipefail
SUDO=""
if [ "$(id -u)" != "0" ]; then
  command -v sudo >/dev/null 2>&1 || { echo "apt-install: need root or sudo to install: $*" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
