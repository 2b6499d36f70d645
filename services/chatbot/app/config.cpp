#include "chatbot/app/config.hpp"

#include <charconv>
#include <cstdlib>

namespace todo::app {
namespace {

std::uint16_t parse_port(const std::string& text, const std::string& source) {
    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || value > 65535)
        throw UsageError(source + " must be a port number between 0 and 65535, got '" + text + "'");
    return static_cast<std::uint16_t>(value);
}

std::size_t parse_threads(const std::string& text) {
    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || value > 256)
        throw UsageError("--threads must be a number between 0 and 256, got '" + text + "'");
    return value;
}

std::size_t parse_count(const std::string& text, const std::string& source, std::size_t low,
                        std::size_t high) {
    std::size_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || value < low || value > high)
        throw UsageError(source + " must be a number between " + std::to_string(low) + " and " +
                         std::to_string(high) + ", got '" + text + "'");
    return value;
}

bool parse_flag(const std::string& text, const std::string& source) {
    if (text == "true" || text == "1") return true;
    if (text == "false" || text == "0") return false;
    throw UsageError(source + " must be true or false, got '" + text + "'");
}

void check_choice(const std::string& value, std::initializer_list<const char*> choices,
                  const std::string& name) {
    for (const char* choice : choices)
        if (value == choice) return;
    std::string list;
    for (const char* choice : choices) list += (list.empty() ? "" : ", ") + std::string(choice);
    throw UsageError(name + " must be one of " + list + ", got '" + value + "'");
}

}  // namespace

EnvLookup process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (value == nullptr || *value == '\0') return std::nullopt;
        return std::string(value);
    };
}

std::string default_database_url(const EnvLookup& env) {
    if (auto data = env("XDG_DATA_HOME")) return "sqlite:" + *data + "/todo-chatbot/todo.db";
    if (auto home = env("HOME")) return "sqlite:" + *home + "/.local/share/todo-chatbot/todo.db";
    return "sqlite:todo.db";
}

Invocation parse_invocation(const std::vector<std::string>& args, const EnvLookup& env) {
    Invocation invocation;
    Config& config = invocation.config;
    if (auto v = env("HOST")) config.host = *v;
    if (auto v = env("PORT")) config.port = parse_port(*v, "PORT");
    if (auto v = env("DATABASE_URL")) config.database_url = *v;
    if (auto v = env("AUTH_JWT_SECRET")) config.jwt_secret = *v;
    if (auto v = env("LLM_BASE_URL")) config.llm_base_url = *v;
    if (auto v = env("LLM_API_KEY")) config.llm_api_key = *v;
    if (auto v = env("LLM_MODEL")) config.llm_model = *v;
    if (auto v = env("LOG_LEVEL")) config.log_level = *v;
    if (auto v = env("LOG_FORMAT")) config.log_format = *v;
    if (auto v = env("MAX_TASKS_PER_USER"))
        config.max_tasks_per_user = parse_count(*v, "MAX_TASKS_PER_USER", 1, 100000000);
    if (auto v = env("QUEUE_LIMIT")) config.queue_limit = parse_count(*v, "QUEUE_LIMIT", 0, 65536);
    if (auto v = env("MAX_CONNECTIONS"))
        config.max_connections = parse_count(*v, "MAX_CONNECTIONS", 1, 1 << 20);
    if (auto v = env("MAX_CONNECTIONS_PER_PEER"))
        config.max_connections_per_peer = parse_count(*v, "MAX_CONNECTIONS_PER_PEER", 1, 1 << 20);
    if (auto v = env("DRAIN_DELAY_SECONDS"))
        config.drain_delay_seconds =
            static_cast<unsigned>(parse_count(*v, "DRAIN_DELAY_SECONDS", 0, 600));
    if (auto v = env("AUTH_ALLOW_NO_EXP"))
        config.auth_allow_no_exp = parse_flag(*v, "AUTH_ALLOW_NO_EXP");

    std::size_t i = 0;
    if (!args.empty() && args[0] == "healthcheck") {
        invocation.command = Command::Healthcheck;
        i = 1;
    }
    for (; i < args.size(); ++i) {
        std::string arg = args[i];
        std::string value;
        bool has_inline_value = false;
        if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            has_inline_value = true;
        }
        auto take = [&]() -> std::string {
            if (has_inline_value) return value;
            if (i + 1 >= args.size()) throw UsageError(arg + " needs a value");
            return args[++i];
        };
        if (arg == "--help" || arg == "-h") invocation.command = Command::Help;
        else if (arg == "--version" || arg == "-V") invocation.command = Command::Version;
        else if (arg == "--port" || arg == "-p") config.port = parse_port(take(), "--port");
        else if (arg == "--host") config.host = take();
        else if (arg == "--database-url") config.database_url = take();
        else if (arg == "--auth-jwt-secret") config.jwt_secret = take();
        else if (arg == "--llm-base-url") config.llm_base_url = take();
        else if (arg == "--llm-api-key") config.llm_api_key = take();
        else if (arg == "--llm-model") config.llm_model = take();
        else if (arg == "--log-level") config.log_level = take();
        else if (arg == "--log-format") config.log_format = take();
        else if (arg == "--threads") config.threads = parse_threads(take());
        else if (arg == "--max-tasks-per-user")
            config.max_tasks_per_user = parse_count(take(), "--max-tasks-per-user", 1, 100000000);
        else if (arg == "--queue-limit")
            config.queue_limit = parse_count(take(), "--queue-limit", 0, 65536);
        else if (arg == "--max-connections")
            config.max_connections = parse_count(take(), "--max-connections", 1, 1 << 20);
        else if (arg == "--max-connections-per-peer")
            config.max_connections_per_peer =
                parse_count(take(), "--max-connections-per-peer", 1, 1 << 20);
        else if (arg == "--drain-delay")
            config.drain_delay_seconds =
                static_cast<unsigned>(parse_count(take(), "--drain-delay", 0, 600));
        else if (arg == "--url" && invocation.command == Command::Healthcheck)
            invocation.healthcheck_url = take();
        else
            throw UsageError("unknown option '" + args[i] + "' (see --help)");
    }
    check_choice(config.log_level, {"debug", "info", "warn", "warning", "error"}, "log level");
    check_choice(config.log_format, {"json", "text"}, "log format");
    if (config.database_url.empty()) config.database_url = default_database_url(env);
    if (invocation.healthcheck_url.empty())
        invocation.healthcheck_url = "http://127.0.0.1:" + std::to_string(config.port) + "/api/health";
    return invocation;
}

std::string usage_text() {
    return R"(Usage: todo-chatbot [OPTIONS]
       todo-chatbot healthcheck [--url URL] [--port PORT]

A natural-language todo assistant over HTTP.

Options (each overrides the environment variable in brackets):
  -p, --port PORT            listen port, 0 picks a free one          [PORT, default 8080]
      --host HOST            listen address                           [HOST, default 0.0.0.0]
      --database-url URL     postgres://…, sqlite:PATH or sqlite::memory:
                                                                      [DATABASE_URL, default
                                                                       sqlite:~/.local/share/todo-chatbot/todo.db]
      --auth-jwt-secret S    require HS256 bearer tokens signed with S [AUTH_JWT_SECRET]
                             tokens must carry `exp` unless AUTH_ALLOW_NO_EXP=true
      --llm-base-url URL     OpenAI-compatible endpoint, e.g. https://api.openai.com/v1
                                                                      [LLM_BASE_URL]
      --llm-api-key KEY      [LLM_API_KEY]
      --llm-model NAME       [LLM_MODEL, default gpt-4o-mini]
      --log-level LEVEL      debug, info, warn or error               [LOG_LEVEL, default info]
      --log-format FORMAT    json or text                             [LOG_FORMAT, default json]
      --threads N            worker threads for store and assistant work,
                             0 = max(8, 2 per core)                   [default 0]
      --queue-limit N        requests that may wait for a worker; beyond, 503 + Retry-After
                                                                      [QUEUE_LIMIT, default 64]
      --max-connections N    open connections at once; beyond, 503 and close
                                                                      [MAX_CONNECTIONS, default 4096]
      --max-connections-per-peer N
                             open connections from one address        [MAX_CONNECTIONS_PER_PEER,
                                                                       default 512]
      --drain-delay SECONDS  on SIGTERM, readiness answers 503 this long while requests are
                             still served, then the listener closes   [DRAIN_DELAY_SECONDS, default 5]
      --max-tasks-per-user N the per-user task cap (409 beyond it)  [MAX_TASKS_PER_USER, default 10000]
  -V, --version              print the version and exit
  -h, --help                 print this help and exit

healthcheck probes a running instance's /api/health and exits 0 when it answers 200, else 1.
)";
}

}  // namespace todo::app
