#pragma once
// Command line and environment → a validated configuration. Flags win over the environment.

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace todo::app {

/// Bad command line or environment; main() prints it and exits 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Config {
    std::string host = "0.0.0.0";
    std::uint16_t port = 8080;
    std::string database_url;
    std::string jwt_secret;
    std::string llm_base_url;
    std::string llm_api_key;
    std::string llm_model = "gpt-4o-mini";
    std::string log_level = "info";
    std::string log_format = "json";
    std::size_t threads = 0;
    std::size_t max_tasks_per_user = 10000;  ///< POST answers 409 beyond this
    std::size_t queue_limit = 64;             ///< requests waiting for a worker; beyond: 503
    std::size_t max_connections = 4096;       ///< open at once
    std::size_t max_connections_per_peer = 512;
    unsigned drain_delay_seconds = 5;  ///< readiness 503 before the listener closes on SIGTERM
    bool auth_allow_no_exp = false;    ///< accept tokens without `exp` (AUTH_ALLOW_NO_EXP=true)
};

enum class Command { Serve, Healthcheck, Version, Help };

struct Invocation {
    Command command = Command::Serve;
    Config config;
    std::string healthcheck_url;  ///< for `healthcheck`; defaults to http://127.0.0.1:PORT/api/health
};

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

/// `args` excludes the program name. Throws UsageError.
Invocation parse_invocation(const std::vector<std::string>& args, const EnvLookup& env);

/// The process environment.
EnvLookup process_environment();

/// sqlite:<data dir>/todo-chatbot/todo.db, following XDG_DATA_HOME, then HOME.
std::string default_database_url(const EnvLookup& env);

std::string usage_text();

}  // namespace todo::app
