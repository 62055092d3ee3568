# Shared set-up of scripts/test and scripts/gimhae (sourced, not run).
# Installs what is missing on a fresh Debian machine with PyPI access, creates the
# virtual environment .venv and installs innozone into it. Idempotent and quiet when
# everything is already there.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${INNOZONE_VENV:-$REPO/.venv}"
PY="$VENV/bin/python"

log() { printf '\033[1m[innozone]\033[0m %s\n' "$*"; }

# Debian packages: compiler, Eigen, nlohmann/json, GoogleTest; Chromium for the report test.
innozone_apt_packages=(g++ make libeigen3-dev nlohmann-json3-dev libgtest-dev python3-venv)
innozone_apt_packages+=(coinor-libclp-dev)  # COIN-OR Clp: the LP solver of the efficiency area
ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

ensure_venv() {
  if [ ! -x "$PY" ]; then
    log "creating virtual environment $VENV"
    python3 -m venv "$VENV"
    "$PY" -m pip install -q --upgrade pip
  fi
}

# Install innozone (with optional extras, e.g. "test") from this checkout into the venv.
install_innozone() {
  local extras="${1:-}"
  local spec="$REPO"
  [ -z "$extras" ] || spec="$REPO[$extras]"
  log "building and installing innozone${extras:+[$extras]} into $VENV"
  "$PY" -m pip install -q "$spec"
}
