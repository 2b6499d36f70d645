#pragma once
// HS256 JSON Web Tokens, as Better Auth issues them: verification for the API, signing for
// tests and tools.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace todo::auth {

/// Why a token was refused; the message is safe to show to the client.
class JwtRejected : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Claims {
    std::string subject;  ///< "sub"
    std::optional<std::int64_t> expires_at;
    nlohmann::json payload;
};

/// Verifies signature (canonical base64url, no padding), algorithm (HS256 only), "exp" and
/// "nbf" against `now` (Unix seconds, with `leeway_s` of clock skew allowed). A token without
/// "exp" is refused unless `require_exp` is false; any "crit" header is refused, since no
/// extension is understood. Throws JwtRejected.
Claims verify_hs256(std::string_view token, std::string_view secret, std::int64_t now,
                    std::int64_t leeway_s = 30, bool require_exp = true);

/// Signs `payload` with HS256.
std::string sign_hs256(const nlohmann::json& payload, std::string_view secret);

std::string base64url_encode(std::string_view bytes);
/// nullopt on characters outside the base64url alphabet.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace todo::auth
