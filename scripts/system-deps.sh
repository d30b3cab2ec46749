#!/usr/bin/env bash
# Install the system packages the project needs (Debian): chromium and the DejaVu fonts (chart
# export, PDF report), and postgresql for the tests.
# Usage: system-deps.sh [chromium|all]   (default: all)
set -euo pipefail
want=${1:-all}
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium chromium-driver)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf ] || packages+=(fonts-dejavu-core fonts-dejavu-extra)
if [ "$want" = all ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  packages+=(postgresql)
fi
[ ${#packages[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing system packages: ${packages[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
