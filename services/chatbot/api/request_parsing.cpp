#include "chatbot/api/request_parsing.hpp"

#include <charconv>
#include <optional>

#include "chatbot/domain/validation.hpp"
#include "chatbot/http/error.hpp"

namespace todo::api {
namespace {

// Reads JSON only to find where a number overflows a double (nlohmann error 406): the body
// is well-formed, so the client hears which field is out of range rather than "bad JSON".
struct OverflowFinder {
    using json = nlohmann::json;
    std::string last_key;
    std::optional<std::string> field;

    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(json::number_integer_t) { return true; }
    bool number_unsigned(json::number_unsigned_t) { return true; }
    bool number_float(json::number_float_t, const json::string_t&) { return true; }
    bool string(json::string_t&) { return true; }
    bool binary(json::binary_t&) { return true; }
    bool start_object(std::size_t) { return true; }
    bool key(json::string_t& name) {
        last_key = name;
        return true;
    }
    bool end_object() { return true; }
    bool start_array(std::size_t) { return true; }
    bool end_array() { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) {
        if (error.id == 406) field = last_key.empty() ? "body" : last_key;
        return false;
    }
};

std::optional<std::string> overflowing_field(const std::string& text) {
    OverflowFinder finder;
    nlohmann::json::sax_parse(text, &finder);
    return finder.field;
}

}  // namespace

nlohmann::json json_body(const http::Request& request) {
    const auto* type = request.header("content-type");
    if (type == nullptr || type->find("application/json") == std::string::npos)
        throw http::HttpError(415, "unsupported_media_type",
                              "send the body as JSON with Content-Type: application/json");
    if (!is_valid_utf8(request.body))
        throw http::HttpError(400, "invalid_utf8", "the request body is not valid UTF-8");
    auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded()) {
        if (auto field = overflowing_field(request.body))
            throw ValidationError(*field, *field + " is a number too large to represent");
        throw http::HttpError(400, "malformed_json", "the request body is not valid JSON");
    }
    return body;
}

const std::string& user_id_param(const http::Request& request) {
    const auto& user = request.params.at("user_id");
    if (!is_valid_user_id(user))
        throw http::HttpError(400, "invalid_user_id",
                              "user_id must be 1 to 128 characters, without control, format or "
                              "bidi characters and without surrounding spaces");
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

http::Response json_text_response(int status, std::string body) {
    http::Response response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

}  // namespace todo::api
