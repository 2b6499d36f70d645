# shellcheck shell=bash
# Sourced by ./dev: the official MCP Python SDK, in a venv, for tests/services/api/test_mcp_sdk.
# Needs say() from ./dev. The venv lives in ~/.cache/helmdeck-venv-mcp, never in git.

HELMDECK_MCP_SDK_VERSION="1.30.0"
HELMDECK_MCP_VENV="$HOME/.cache/helmdeck-venv-mcp"

APT_PACKAGES+=(python3-venv)

ensure_mcp_sdk() {
    local python="$HELMDECK_MCP_VENV/bin/python"
    if [[ -x $python ]] && "$python" -c "import mcp, importlib.metadata as m; \
assert m.version('mcp') == '$HELMDECK_MCP_SDK_VERSION'" 2>/dev/null; then
        return 0
    fi
    say "installing the MCP Python SDK $HELMDECK_MCP_SDK_VERSION from PyPI into $HELMDECK_MCP_VENV"
    /usr/bin/python3 -m venv "$HELMDECK_MCP_VENV" || die "python3 -m venv failed (apt-get install python3-venv)"
    "$HELMDECK_MCP_VENV/bin/pip" install -q "mcp==$HELMDECK_MCP_SDK_VERSION" ||
        die "pip could not install mcp==$HELMDECK_MCP_SDK_VERSION from PyPI"
}
SETUP_STEPS+=(ensure_mcp_sdk)
