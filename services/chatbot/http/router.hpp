#pragma once
// Matches a method and path against route templates such as "/api/{user_id}/tasks/{id}".
// A path that matches a template under another method answers 405 with an Allow header;
// a path that matches nothing answers 404.

#include <functional>
#include <string>
#include <vector>

#include "chatbot/http/message.hpp"

namespace todo::http {

using Handler = std::function<Response(Request&)>;

class Router {
public:
    void add(std::string method, std::string route_template, Handler handler);
    /// Fills request.params and request.route, then calls the handler. Throws HttpError 404
    /// (route "unmatched") or 405 (route set to the matched template, `Allow` in headers()).
    /// A literal segment beats a parameter when two templates match the same path.
    Response dispatch(Request& request) const;

    struct Route {
        std::string method;
        std::string route_template;
        Handler handler;
    };
    const std::vector<Route>& routes() const { return routes_; }

private:
    struct Segment {
        std::string text;  ///< the literal, or the parameter name
        bool is_param = false;
    };
    static std::vector<Segment> parse_template(const std::string& route_template);

    std::vector<Route> routes_;
    std::vector<std::vector<Segment>> patterns_;  ///< parallel to routes_
};

}  // namespace todo::http
