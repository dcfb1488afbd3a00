#!/usr/bin/env bash
# Create one virtualenv per peer tool under $PEERS_VENV_DIR (default /tmp/khabar-peer-venvs).
#
#   bash bench/peers/setup.sh              # every peer
#   bash bench/peers/setup.sh ftfy aranorm # only these
#
# Idempotent: a venv whose marker file records the same install spec is left alone; a venv without
# a marker (an interrupted install) or with another spec (a changed pin) is rebuilt from scratch.
# A peer whose install fails is reported and skipped; the exit status is 1 when any peer failed.
#
# Environment:
#   PEERS_VENV_DIR     where the venvs go (default /tmp/khabar-peer-venvs)
#   PEERS_PYTHON       interpreter the venvs are made from (default python3; camel-tools needs >= 3.11)
#   PEERS_CAMEL_FULL=1 install camel-tools with all its dependencies (torch, transformers, ... ~6 GB).
#                      By default only camel-tools itself plus the two packages its data-free
#                      camel_tools.utils modules import (six, emoji) are installed; those modules
#                      never import the heavy dependencies, so timings are the same either way.
set -euo pipefail

VENV_DIR="${PEERS_VENV_DIR:-/tmp/khabar-peer-venvs}"
PYTHON="${PEERS_PYTHON:-python3}"
MARKER=".khabar-peer-spec"
ALL_PEERS=(camel-tools pyarabic aranorm ftfy tashaphyne)

# One line per pip call, ';'-separated; "--no-deps" is passed through to pip.
spec_for() {
    case "$1" in
        camel-tools)
            if [[ "${PEERS_CAMEL_FULL:-0}" == "1" ]]; then
                echo "camel-tools==1.6.0"
            else
                echo "six==1.17.0 emoji==2.16.0;--no-deps camel-tools==1.6.0"
            fi
            ;;
        pyarabic) echo "pyarabic==0.6.15" ;;
        aranorm) echo "aranorm==1.2.0" ;;
        ftfy) echo "ftfy==6.3.1" ;;
        tashaphyne) echo "tashaphyne==0.3.6" ;;
        *) return 1 ;;
    esac
}

install_peer() {
    local peer="$1" spec="$2" venv="$VENV_DIR/$1" call calls
    if [[ -f "$venv/$MARKER" && "$(cat "$venv/$MARKER")" == "$spec" ]]; then
        echo "[setup] $peer: ready ($venv)"
        return 0
    fi
    echo "[setup] $peer: creating $venv ($spec)"
    rm -rf "$venv"
    "$PYTHON" -m venv "$venv" || return 1
    IFS=';' read -ra calls <<<"$spec"
    for call in "${calls[@]}"; do
        # shellcheck disable=SC2086  # the spec is a list of pip arguments
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check $call || return 1
    done
    printf '%s' "$spec" >"$venv/$MARKER"
    echo "[setup] $peer: installed"
}

peers=("$@")
[[ ${#peers[@]} -eq 0 ]] && peers=("${ALL_PEERS[@]}")
mkdir -p "$VENV_DIR"
failed=()
for peer in "${peers[@]}"; do
    if ! spec="$(spec_for "$peer")"; then
        echo "[setup] unknown peer: $peer (known: ${ALL_PEERS[*]})" >&2
        failed+=("$peer")
        continue
    fi
    if ! install_peer "$peer" "$spec"; then
        echo "[setup] $peer: INSTALL FAILED, skipped" >&2
        failed+=("$peer")
    fi
done
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "[setup] failed: ${failed[*]}" >&2
    exit 1
fi
