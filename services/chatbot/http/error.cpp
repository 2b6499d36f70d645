#include "chatbot/http/error.hpp"

#include <nlohmann/json.hpp>

namespace todo::http {

Response error_response(int status, const std::string& code, const std::string& message) {
    Response response;
    response.status = status;
    response.content_type = "application/json";
    const nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
    // Messages may quote client input; never let invalid UTF-8 turn an error into a crash.
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

Response error_response(const HttpError& error) {
    auto response = error_response(error.status(), error.code(), error.what());
    response.headers = error.headers();
    return response;
}

}  // namespace todo::http
