#include "chatbot/assistant/http_client.hpp"

#include "chatbot/http/client.hpp"

namespace todo::assistant {

// The engine's POST goes through the process's one HTTP client (chatbot/http/client.hpp).
HttpResponse post_json(const std::string& url,
                       const std::vector<std::pair<std::string, std::string>>& headers,
                       const std::string& body, std::chrono::milliseconds timeout) {
    http::ClientRequest request;
    request.method = "POST";
    request.url = url;
    request.headers = {{"Content-Type", "application/json"}, {"Accept", "application/json"}};
    request.headers.insert(request.headers.end(), headers.begin(), headers.end());
    request.body = body;
    request.timeout = timeout;
    try {
        auto response = http::fetch(request);
        return {response.status, std::move(response.body)};
    } catch (const http::ClientError& error) {
        throw HttpError(error.what());
    }
}

}  // namespace todo::assistant
