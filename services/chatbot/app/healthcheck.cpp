#include "chatbot/app/healthcheck.hpp"

#include <chrono>

#include "chatbot/http/client.hpp"

namespace todo::app {

bool probe_health(const std::string& url, int timeout_ms, std::string* why) {
    if (url.rfind("http://", 0) != 0) {
        if (why) *why = "only http:// URLs are supported";
        return false;
    }
    http::ClientRequest request;
    request.url = url;
    request.headers = {{"User-Agent", "todo-chatbot-healthcheck"}};
    request.timeout = std::chrono::milliseconds(timeout_ms);
    try {
        const auto response = http::fetch(request);
        if (response.status == 200) return true;
        if (why) *why = "answered HTTP " + std::to_string(response.status);
    } catch (const http::ClientError& error) {
        if (why) *why = error.what();
    }
    return false;
}

}  // namespace todo::app
