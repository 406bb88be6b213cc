#!/usr/bin/env bash
# Install the Debian 12 packages a fresh machine lacks for `make lint` and `make test`: make,
# venv support, Node.js/npm, Chromium, poppler, zbar, fonts and PostgreSQL (plus wrk, which only
# `make bench` uses). Needs root to install; otherwise prints what is missing and fails, unless
# only optional packages are missing.
set -euo pipefail
need=()      # the tests cannot run without these
optional=()  # only the benchmarks need these
command -v make >/dev/null || need+=(make)
python3 -c "import ensurepip, venv" 2>/dev/null || need+=(python3-venv)
command -v npm >/dev/null || need+=(nodejs npm)
command -v chromium >/dev/null || need+=(chromium)
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v zbarimg >/dev/null || need+=(zbar-tools)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
command -v psql >/dev/null || need+=(postgresql-client)
# A server of our own needs the cluster tools, unless one already listens on 127.0.0.1:5432.
if ! command -v pg_ctlcluster >/dev/null && ! (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
  need+=(postgresql)
fi
command -v wrk >/dev/null || optional+=(wrk)
all=("${need[@]}" "${optional[@]}")
if [ ${#all[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "Missing system packages: ${all[*]} (as root: apt-get install ${all[*]})" >&2
  if [ ${#need[@]} -eq 0 ]; then
    echo "Only needed for 'make bench'; the tests can run without them." >&2
    exit 0
  fi
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
echo "Installing system packages: ${all[*]}" >&2
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends ca-certificates "${all[@]}" >/dev/null
