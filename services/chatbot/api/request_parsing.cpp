#include "chatbot/api/request_parsing.hpp"

#include <charconv>

#include "chatbot/domain/validation.hpp"
#include "chatbot/http/error.hpp"

namespace todo::api {

nlohmann::json json_body(const http::Request& request) {
    const auto* type = request.header("content-type");
    if (type == nullptr || type->find("application/json") == std::string::npos)
        throw http::HttpError(415, "unsupported_media_type",
                              "send the body as JSON with Content-Type: application/json");
    if (!is_valid_utf8(request.body))
        throw http::HttpError(400, "invalid_utf8", "the request body is not valid UTF-8");
    auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded())
        throw http::HttpError(400, "malformed_json", "the request body is not valid JSON");
    return body;
}

const std::string& user_id_param(const http::Request& request) {
    const auto& user = request.params.at("user_id");
    bool printable = !user.empty() && user.size() <= 128 && is_valid_utf8(user);
    for (unsigned char c : user) printable = printable && c >= 0x20 && c != 0x7F;
    if (!printable)
        throw http::HttpError(400, "invalid_user_id",
                              "user_id must be 1 to 128 printable characters");
    return user;
}

std::int64_t id_param(const http::Request& request, const std::string& name) {
    const auto& text = request.params.at(name);
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || value <= 0)
        throw http::HttpError(400, "invalid_id", name + " must be a positive integer");
    return value;
}

http::Response json_response(int status, const nlohmann::json& body) {
    http::Response response;
    response.status = status;
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

}  // namespace todo::api
