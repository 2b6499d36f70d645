#pragma once
// The one error shape: {"error": {"code": "...", "message": "..."}}. Handlers throw HttpError;
// the server turns it (and anything else) into that body with the right status.

#include <stdexcept>
#include <string>

#include "chatbot/http/message.hpp"

namespace todo::http {

class HttpError : public std::runtime_error {
public:
    HttpError(int status, std::string code, const std::string& message)
        : std::runtime_error(message), status_(status), code_(std::move(code)) {}
    int status() const { return status_; }
    const std::string& code() const { return code_; }

private:
    int status_;
    std::string code_;
};

/// Builds the JSON error response.
Response error_response(int status, const std::string& code, const std::string& message);

}  // namespace todo::http
