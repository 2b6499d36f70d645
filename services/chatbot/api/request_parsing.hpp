#pragma once
// Shared checks on untrusted request parts; each failure is a typed HttpError.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "chatbot/http/message.hpp"

namespace todo::api {

/// Requires a JSON content type, valid UTF-8 and well-formed JSON (400/415).
nlohmann::json json_body(const http::Request& request);
/// A user id from the path: 1–128 printable characters (400 otherwise).
const std::string& user_id_param(const http::Request& request);
/// A positive task or conversation id from the path (400 otherwise).
std::int64_t id_param(const http::Request& request, const std::string& name);

http::Response json_response(int status, const nlohmann::json& body);
/// A response whose body is JSON text the caller already wrote (task_json, task_list_json).
http::Response json_text_response(int status, std::string body);

}  // namespace todo::api
