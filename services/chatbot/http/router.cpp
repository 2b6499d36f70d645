#include "chatbot/http/router.hpp"

#include <set>
#include <string_view>

#include "chatbot/http/error.hpp"

namespace todo::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    while (true) {
        const auto slash = path.find('/');
        parts.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return parts;
}

}  // namespace

std::vector<Router::Segment> Router::parse_template(const std::string& route_template) {
    std::vector<Segment> segments;
    for (const auto part : split_path(route_template)) {
        if (part.size() >= 2 && part.front() == '{' && part.back() == '}')
            segments.push_back({std::string(part.substr(1, part.size() - 2)), true});
        else
            segments.push_back({std::string(part), false});
    }
    return segments;
}

void Router::add(std::string method, std::string route_template, Handler handler) {
    patterns_.push_back(parse_template(route_template));
    routes_.push_back({std::move(method), std::move(route_template), std::move(handler)});
}

Response Router::dispatch(Request& request) const {
    const auto parts = split_path(request.path);

    const auto matches = [&](const std::vector<Segment>& pattern) {
        if (pattern.size() != parts.size()) return false;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (pattern[i].is_param ? parts[i].empty() : pattern[i].text != parts[i]) return false;
        }
        return true;
    };
    // Lexicographic on "literal at position i": the more specific template wins.
    const auto more_specific = [](const std::vector<Segment>& a, const std::vector<Segment>& b) {
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (a[i].is_param != b[i].is_param) return !a[i].is_param;
        }
        return false;
    };

    const Route* best = nullptr;
    const std::vector<Segment>* best_pattern = nullptr;
    const Route* first_any_method = nullptr;
    std::set<std::string> allowed;
    // HEAD is GET without the body (RFC 9110 9.3.2); the server drops the body on the wire.
    const std::string wanted = request.method == "HEAD" ? std::string("GET") : request.method;
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        if (!matches(patterns_[i])) continue;
        if (first_any_method == nullptr) first_any_method = &routes_[i];
        allowed.insert(routes_[i].method);
        if (routes_[i].method == "GET") allowed.insert("HEAD");
        if (routes_[i].method != wanted) continue;
        if (best == nullptr || more_specific(patterns_[i], *best_pattern)) {
            best = &routes_[i];
            best_pattern = &patterns_[i];
        }
    }

    if (best == nullptr) {
        if (first_any_method == nullptr) {
            request.route = "unmatched";
            throw HttpError(404, "not_found", "no route matches " + request.path);
        }
        request.route = first_any_method->route_template;
        std::string allow;
        for (const auto& method : allowed) {
            if (!allow.empty()) allow += ", ";
            allow += method;
        }
        throw HttpError(405, "method_not_allowed",
                        "method " + request.method + " is not allowed here; use " + allow,
                        {{"Allow", allow}});
    }

    request.params.clear();
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if ((*best_pattern)[i].is_param)
            request.params[(*best_pattern)[i].text] = std::string(parts[i]);
    }
    request.route = best->route_template;
    return best->handler(request);
}

}  // namespace todo::http
