#pragma once
// Transport-neutral request and response values: the API layer sees these, never Beast types.

#include <map>
#include <string>
#include <vector>

namespace todo::http {

struct Request {
    std::string method;                        ///< "GET", "POST", …
    std::string path;                          ///< decoded path without the query ("/api/u1/tasks")
    std::map<std::string, std::string> query;  ///< decoded query parameters
    std::map<std::string, std::string> headers;  ///< lower-cased names
    std::string body;
    std::string request_id;  ///< X-Request-Id when the client sent one, else generated
    std::map<std::string, std::string> params;  ///< route parameters, filled by the router
    std::string route;  ///< the matched route template ("/api/{user_id}/tasks"), for metrics

    const std::string* header(const std::string& lower_name) const {
        auto it = headers.find(lower_name);
        return it == headers.end() ? nullptr : &it->second;
    }
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace todo::http
