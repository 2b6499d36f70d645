#include "chatbot/store/database_url.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <memory>
#include <string_view>
#include <vector>

#include "chatbot/store/store.hpp"

namespace todo::store {
namespace {

constexpr std::string_view kExpected =
    "expected postgres://…, postgresql://…, sqlite:PATH or sqlite::memory:";

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

void check_postgres_syntax(const std::string& url) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
    if (options != nullptr) {
        PQconninfoFree(options);
        return;
    }
    std::string reason = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    throw BadDatabaseUrl("DATABASE_URL is not a valid PostgreSQL URL: " +
                         redact_password(reason, url));
}

// More passwords than any real URL holds: past this, the message is withheld rather than
// masked, so a URL made of "password=" repeated cannot make redaction quadratic.
constexpr std::size_t kMostSecrets = 8;

// Every byte inside an occurrence of a secret is hidden, and each run of hidden bytes becomes
// one "****". Marks are made on the original message, so a secret that contains "*" cannot
// match a mask written for another (fuzz_database_url found that growing without bound), and
// each secret is searched once, non-overlapping (a search per position, per secret, was
// quadratic: fuzz_database_url ran 400 to 1,500 inputs/s).
std::string mask_all(std::string_view message, const std::vector<std::string_view>& secrets) {
    // +1 where a hidden stretch starts, -1 where it ends: overlapping secrets add up.
    std::vector<int> edges(message.size() + 1, 0);
    for (const auto secret : secrets) {
        for (auto at = message.find(secret); at != std::string_view::npos;
             at = message.find(secret, at + secret.size())) {
            ++edges[at];
            --edges[at + secret.size()];
        }
    }
    std::string out;
    out.reserve(message.size());
    int depth = 0;
    for (std::size_t i = 0; i < message.size(); ++i) {
        const bool was_hidden = depth > 0;
        depth += edges[i];
        if (depth == 0) out += message[i];
        else if (!was_hidden) out += "****";
    }
    return out;
}

}  // namespace

std::string redact_password(std::string message, const std::string& url) {
    std::string_view text = url;
    std::vector<std::string_view> secrets;
    auto scheme_end = text.find("://");
    if (scheme_end != std::string_view::npos) {
        auto authority = text.substr(scheme_end + 3);
        authority = authority.substr(0, authority.find_first_of("/?"));
        auto at = authority.rfind('@');
        if (at != std::string_view::npos) {
            auto userinfo = authority.substr(0, at);
            auto colon = userinfo.find(':');
            if (colon != std::string_view::npos) secrets.push_back(userinfo.substr(colon + 1));
        }
    }
    for (auto at = text.find("password="); at != std::string_view::npos;
         at = text.find("password=", at + 1)) {
        auto value = text.substr(at + 9);
        secrets.push_back(value.substr(0, value.find('&')));
    }
    std::erase_if(secrets, [](std::string_view secret) { return secret.empty(); });
    std::sort(secrets.begin(), secrets.end());
    secrets.erase(std::unique(secrets.begin(), secrets.end()), secrets.end());
    if (secrets.empty()) return message;
    if (secrets.size() > kMostSecrets)
        return "(details withheld: the URL holds " + std::to_string(secrets.size()) + " passwords)";
    return mask_all(message, secrets);
}

DatabaseUrl parse_database_url(const std::string& url) {
    if (url.empty()) throw BadDatabaseUrl("DATABASE_URL is empty; " + std::string(kExpected));

    if (starts_with(url, "postgres://") || starts_with(url, "postgresql://")) {
        check_postgres_syntax(url);
        return {DatabaseUrl::Backend::Postgres, url};
    }

    if (starts_with(url, "sqlite:")) {
        std::string_view path = std::string_view(url).substr(7);
        // sqlite:///abs/path and sqlite://rel/path, as SQLAlchemy and others write them.
        if (starts_with(path, "//")) path.remove_prefix(2);
        if (path == ":memory:") return {DatabaseUrl::Backend::Sqlite, ":memory:"};
        if (path.empty())
            throw BadDatabaseUrl(
                "DATABASE_URL sqlite: names no file; write sqlite:PATH or "
                "sqlite::memory:");
        return {DatabaseUrl::Backend::Sqlite, std::string(path)};
    }

    auto colon = url.find(':');
    std::string scheme = colon == std::string::npos ? std::string() : url.substr(0, colon);
    if (scheme.empty() || scheme.size() > 20)
        throw BadDatabaseUrl("DATABASE_URL has no recognisable scheme; " + std::string(kExpected));
    throw BadDatabaseUrl("DATABASE_URL scheme '" + scheme + "' is not supported; " +
                         std::string(kExpected));
}

}  // namespace todo::store
