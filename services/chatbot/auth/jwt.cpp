#include "chatbot/auth/jwt.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

namespace todo::auth {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string hmac_sha256(std::string_view key, std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data(), &length);
    return std::string(reinterpret_cast<const char*>(digest.data()), length);
}

nlohmann::json decode_part(std::string_view part, const char* what) {
    auto bytes = base64url_decode(part);
    if (!bytes) throw JwtRejected(std::string("token ") + what + " is not base64url");
    auto json = nlohmann::json::parse(*bytes, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        throw JwtRejected(std::string("token ") + what + " is not a JSON object");
    return json;
}

std::optional<std::int64_t> numeric_claim(const nlohmann::json& payload, const char* name) {
    if (!payload.contains(name)) return std::nullopt;
    const auto& value = payload[name];
    if (!value.is_number()) throw JwtRejected(std::string("token claim ") + name + " is not a number");
    // RFC 7519 lets a NumericDate carry fractions. The bound keeps the casts and the leeway
    // arithmetic defined; no real token dates past the year 30 million.
    constexpr std::int64_t kLimit = 1'000'000'000'000'000;
    const auto out_of_range = [name] {
        return JwtRejected(std::string("token claim ") + name + " is out of range");
    };
    if (value.is_number_unsigned()) {
        const auto seconds = value.get<std::uint64_t>();
        if (seconds > static_cast<std::uint64_t>(kLimit)) throw out_of_range();
        return static_cast<std::int64_t>(seconds);
    }
    if (value.is_number_integer()) {
        const auto seconds = value.get<std::int64_t>();
        if (seconds < -kLimit || seconds > kLimit) throw out_of_range();
        return seconds;
    }
    const double seconds = value.get<double>();
    if (!(seconds > -static_cast<double>(kLimit) && seconds < static_cast<double>(kLimit)))
        throw out_of_range();  // also NaN; JSON has no NaN, but the guard costs nothing
    return static_cast<std::int64_t>(seconds);
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        buffer = (buffer << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(kAlphabet[(buffer >> bits) & 0x3F]);
        }
    }
    if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3F]);
    return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
    while (!text.empty() && text.back() == '=') text.remove_suffix(1);
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        auto index = kAlphabet.find(c);
        if (index == std::string_view::npos) return std::nullopt;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(index);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    return out;
}

std::string sign_hs256(const nlohmann::json& payload, std::string_view secret) {
    const nlohmann::json header = {{"alg", "HS256"}, {"typ", "JWT"}};
    auto signing_input = base64url_encode(header.dump()) + "." + base64url_encode(payload.dump());
    return signing_input + "." + base64url_encode(hmac_sha256(secret, signing_input));
}

Claims verify_hs256(std::string_view token, std::string_view secret, std::int64_t now,
                    std::int64_t leeway_s, bool require_exp) {
    auto first = token.find('.');
    auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos)
        throw JwtRejected("token is not a JWT (expected three dot-separated parts)");

    auto header = decode_part(token.substr(0, first), "header");
    // Not header.value("alg", ""): that throws json::type_error when alg is not a string.
    const auto alg = header.find("alg");
    if (alg == header.end() || !alg->is_string() || alg->get_ref<const std::string&>() != "HS256")
        throw JwtRejected("token algorithm must be HS256");
    if (header.contains("crit"))  // RFC 7515 4.1.11: extensions we do not know must fail
        throw JwtRejected("token header names critical extensions this server does not support");

    auto signing_input = token.substr(0, second);
    const auto signature_text = token.substr(second + 1);
    auto signature = base64url_decode(signature_text);
    auto expected = hmac_sha256(secret, signing_input);
    // One spelling per signature: no padding, no stray low bits in the last character.
    if (signature && base64url_encode(*signature) != signature_text)
        throw JwtRejected("token signature is not canonical base64url");
    if (!signature || signature->size() != expected.size() ||
        CRYPTO_memcmp(signature->data(), expected.data(), expected.size()) != 0)
        throw JwtRejected("token signature is invalid");

    auto payload = decode_part(token.substr(first + 1, second - first - 1), "payload");
    Claims claims;
    claims.expires_at = numeric_claim(payload, "exp");
    if (claims.expires_at && now > *claims.expires_at + leeway_s)
        throw JwtRejected("token has expired");
    if (auto not_before = numeric_claim(payload, "nbf"); not_before && now + leeway_s < *not_before)
        throw JwtRejected("token is not valid yet");
    if (!claims.expires_at && require_exp)
        throw JwtRejected("token has no expiry (exp); set AUTH_ALLOW_NO_EXP=true to accept such tokens");
    if (!payload.contains("sub") || !payload["sub"].is_string())
        throw JwtRejected("token has no subject (sub)");
    claims.subject = payload["sub"].get<std::string>();
    claims.payload = std::move(payload);
    return claims;
}

}  // namespace todo::auth
