#pragma once
// The `healthcheck` subcommand: a scratch image has no curl, so the binary probes itself.

#include <string>

namespace todo::app {

/// GETs `url` (http only) with a deadline. True when it answers 200.
/// On failure `why` says what went wrong.
bool probe_health(const std::string& url, int timeout_ms, std::string* why);

}  // namespace todo::app
