// Liveness, readiness, metrics and the API description.

#include <chrono>

#include "chatbot/api/application.hpp"
#include "chatbot/api/request_parsing.hpp"
#include "chatbot/store/store.hpp"
#include "chatbot/telemetry/metrics.hpp"

namespace todo::api {

void Application::add_system_routes() {
    router_.add("GET", "/api/health", [this](http::Request&) {
        auto uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_);
        return json_response(200, {{"status", "ok"},
                                   {"version", deps_.version},
                                   {"uptime_s", static_cast<std::int64_t>(uptime.count())}});
    });

    router_.add("GET", "/api/ready", [this](http::Request&) {
        if (draining_) return json_response(503, {{"status", "draining"}});
        bool up = true;
        if (deps_.store_ready) {
            up = deps_.store_ready();
        } else {
            try {
                deps_.store.ping();
            } catch (const store::StoreUnavailable&) {
                up = false;
            }
        }
        if (!up)
            return json_response(503, {{"status", "unavailable"},
                                       {"store", std::string(deps_.store.kind())}});
        return json_response(200, {{"status", "ready"}, {"store", std::string(deps_.store.kind())}});
    });

    router_.add("GET", "/metrics", [this](http::Request&) {
        http::Response response;
        response.content_type = "text/plain; version=0.0.4; charset=utf-8";
        response.body = deps_.metrics.render_prometheus();
        return response;
    });

    router_.add("GET", "/api/openapi.json", [this](http::Request&) {
        http::Response response;
        response.body = openapi_document(!deps_.jwt_secret.empty());
        return response;
    });
}

}  // namespace todo::api
