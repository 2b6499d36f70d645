# shellcheck shell=bash
# Sourced by ./dev: the Python tools the backend's API tests run (tests/services/app):
# openapi-spec-validator checks /api/openapi.json, schemathesis fuzzes the running API from it.
# Both come from PyPI, pinned, into a venv under ~/.cache (never into git).

HELMDECK_OPENAPI_VENV="${HELMDECK_OPENAPI_VENV:-$HOME/.cache/helmdeck-venv-openapi}"
# schemathesis 3.39 breaks on newer hypothesis releases ("'many' object has no attribute 'more'").
HELMDECK_OPENAPI_PIP=("openapi-spec-validator==0.7.1" "schemathesis==3.39.16" "hypothesis==6.108.5")

APT_PACKAGES+=(python3-venv)

ensure_openapi_tools() {
    local venv="$HELMDECK_OPENAPI_VENV"
    # The stamp records the pins installed, so changing a pin reinstalls.
    if [[ -x $venv/bin/schemathesis && "$(cat "$venv/.helmdeck-pins" 2>/dev/null)" == "${HELMDECK_OPENAPI_PIP[*]}" ]]; then
        say "openapi tools: using $venv"
        return 0
    fi
    say "openapi tools: python3 -m venv $venv; pip install ${HELMDECK_OPENAPI_PIP[*]}"
    python3 -m venv "$venv" || die "cannot create the venv $venv (apt-get install python3-venv)"
    "$venv/bin/pip" install -q "${HELMDECK_OPENAPI_PIP[@]}" ||
        die "pip install ${HELMDECK_OPENAPI_PIP[*]} failed"
    printf '%s' "${HELMDECK_OPENAPI_PIP[*]}" >"$venv/.helmdeck-pins"
}

SETUP_STEPS+=(ensure_openapi_tools)
