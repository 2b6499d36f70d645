#pragma once
// The one error shape: {"error": {"code": "...", "message": "..."}}. Handlers throw HttpError;
// the server turns it (and anything else) into that body with the right status.

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "chatbot/http/message.hpp"

namespace todo::http {

class HttpError : public std::runtime_error {
public:
    using HeaderList = std::vector<std::pair<std::string, std::string>>;

    HttpError(int status, std::string code, const std::string& message, HeaderList headers = {})
        : std::runtime_error(message),
          status_(status),
          code_(std::move(code)),
          headers_(std::move(headers)) {}
    int status() const { return status_; }
    const std::string& code() const { return code_; }
    /// Extra response headers, such as `Allow` on a 405.
    const HeaderList& headers() const { return headers_; }

private:
    int status_;
    std::string code_;
    HeaderList headers_;
};

/// Builds the JSON error response.
Response error_response(int status, const std::string& code, const std::string& message);
/// Builds the JSON error response for `error`, including its extra headers.
Response error_response(const HttpError& error);

}  // namespace todo::http
