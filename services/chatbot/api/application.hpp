#pragma once
// The todo-chatbot HTTP API: routes, authentication and the mapping of domain failures to
// the one JSON error shape. Knows nothing of sockets; the server hands it Requests.

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "chatbot/http/message.hpp"
#include "chatbot/http/router.hpp"

namespace todo::store {
class Store;
}
namespace todo::assistant {
class Engine;
}
namespace todo::telemetry {
class Metrics;
class Logger;
}  // namespace todo::telemetry

namespace todo::api {

struct Dependencies {
    store::Store& store;
    assistant::Engine& engine;
    telemetry::Metrics& metrics;
    const telemetry::Logger& logger;
    std::string jwt_secret;  ///< empty: no authentication
    std::string version;
    std::size_t max_tasks_per_user = 10000;  ///< creating more answers 409
    /// Readiness without touching the store (cached by a watcher); empty: readiness pings.
    std::function<bool()> store_ready = {};
    bool auth_allow_no_exp = false;  ///< accept bearer tokens without `exp`
};

class Application {
public:
    explicit Application(Dependencies deps);

    /// Never throws: every failure becomes a JSON error response.
    http::Response handle(http::Request& request);

    /// While draining, readiness answers 503 so load balancers stop sending traffic.
    void set_draining(bool draining) { draining_ = draining; }
    const http::Router& router() const { return router_; }

private:
    void add_system_routes();
    void add_task_routes();
    void add_chat_routes();
    void add_mcp_routes();
    /// Throws 401/403 unless the request may act for request.params["user_id"].
    void authorize(const http::Request& request) const;
    /// The verified bearer token's subject (401 without a valid token).
    std::string token_subject(const http::Request& request) const;

    Dependencies deps_;
    http::Router router_;
    std::atomic<bool> draining_{false};
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

/// The OpenAPI 3 description of every route; the per-user routes require a bearer token
/// only when `bearer_auth` (the server has AUTH_JWT_SECRET).
const std::string& openapi_document(bool bearer_auth = true);

}  // namespace todo::api
