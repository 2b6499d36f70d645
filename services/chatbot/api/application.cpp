#include "chatbot/api/application.hpp"

#include <chrono>

#include "chatbot/auth/jwt.hpp"
#include "chatbot/domain/validation.hpp"
#include "chatbot/http/error.hpp"
#include "chatbot/store/store.hpp"
#include "chatbot/telemetry/logger.hpp"

namespace todo::api {

Application::Application(Dependencies deps) : deps_(std::move(deps)) {
    add_system_routes();
    add_task_routes();
    add_chat_routes();
    add_mcp_routes();
}

http::Response Application::handle(http::Request& request) {
    try {
        return router_.dispatch(request);
    } catch (const http::HttpError& error) {
        auto response = http::error_response(error);
        if (error.status() == 401)
            response.headers.emplace_back("WWW-Authenticate", "Bearer");
        return response;
    } catch (const ValidationError& error) {
        http::Response response;
        response.status = 422;
        response.body = nlohmann::json{{"error",
                                        {{"code", "validation_failed"},
                                         {"message", error.what()},
                                         {"field", error.field()}}}}
                            .dump();
        return response;
    } catch (const store::StoreUnavailable& error) {
        // Debug only: the store's watcher logs one line per outage, not one per request.
        deps_.logger.debug("store_unavailable",
                           {{"route", request.route}, {"request_id", request.request_id},
                            {"reason", error.what()}});
        auto response = http::error_response(503, "store_unavailable",
                                             "the database is not answering; try again shortly");
        response.headers.emplace_back("Retry-After", "1");
        return response;
    } catch (const std::exception& error) {
        deps_.logger.error("internal_error", {{"route", request.route},
                                              {"request_id", request.request_id},
                                              {"reason", error.what()}});
        return http::error_response(500, "internal", "something went wrong on our side");
    }
}

void Application::authorize(const http::Request& request) const {
    if (deps_.jwt_secret.empty()) return;
    if (token_subject(request) != request.params.at("user_id"))
        throw http::HttpError(403, "forbidden", "the token belongs to another user");
}

std::string Application::token_subject(const http::Request& request) const {
    const auto* header = request.header("authorization");
    const std::string prefix = "Bearer ";
    if (header == nullptr || header->size() <= prefix.size() ||
        header->compare(0, prefix.size(), prefix) != 0)
        throw http::HttpError(401, "unauthorized", "send Authorization: Bearer <token>");
    auto now = std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    auth::Claims claims;
    try {
        claims = auth::verify_hs256(std::string_view(*header).substr(prefix.size()),
                                    deps_.jwt_secret, now, 30, !deps_.auth_allow_no_exp);
    } catch (const auth::JwtRejected& rejected) {
        throw http::HttpError(401, "unauthorized", rejected.what());
    }
    return claims.subject;
}

}  // namespace todo::api
