#include "chatbot/store/row_encoding.hpp"

#include <nlohmann/json.hpp>

#include "chatbot/domain/validation.hpp"

namespace todo::store {

std::string encode_tags(const std::vector<std::string>& tags) {
    return nlohmann::json(tags).dump();
}

namespace {

// Reads the common form, an array of strings without escapes or control characters, as both
// databases print it ('["a", "b"]'). Anything else is left to the JSON parser (nullopt), so
// the answer is always the parser's: a list's per-row parse was its largest cost.
std::optional<std::vector<std::string>> decode_plain_tags(std::string_view json) {
    std::vector<std::string> tags;
    std::size_t i = 0;
    const auto skip_space = [&] {
        while (i < json.size() && (json[i] == ' ' || json[i] == '\n' || json[i] == '\t' || json[i] == '\r'))
            ++i;
    };
    skip_space();
    if (i == json.size() || json[i++] != '[') return std::nullopt;
    skip_space();
    if (i < json.size() && json[i] == ']') {
        ++i;
    } else {
        for (;;) {
            if (i == json.size() || json[i++] != '"') return std::nullopt;
            const std::size_t start = i;
            while (i < json.size() && json[i] != '"') {
                if (json[i] == '\\' || static_cast<unsigned char>(json[i]) < 0x20) return std::nullopt;
                ++i;
            }
            if (i == json.size()) return std::nullopt;
            const auto tag = json.substr(start, i - start);
            if (!is_valid_utf8(tag)) return std::nullopt;
            tags.emplace_back(tag);
            ++i;
            skip_space();
            if (i == json.size()) return std::nullopt;
            if (json[i] == ']') {
                ++i;
                break;
            }
            if (json[i++] != ',') return std::nullopt;
            skip_space();
        }
    }
    skip_space();
    if (i != json.size()) return std::nullopt;
    return tags;
}

}  // namespace

std::vector<std::string> decode_tags(std::string_view json) {
    if (json == "[]") return {};
    if (auto tags = decode_plain_tags(json)) return std::move(*tags);
    auto parsed = nlohmann::json::parse(json, nullptr, false);
    std::vector<std::string> tags;
    if (!parsed.is_array()) return tags;
    for (const auto& item : parsed)
        if (item.is_string()) tags.push_back(item.get<std::string>());
    return tags;
}

std::string contains_pattern(std::string_view needle) {
    std::string pattern = "%";
    for (char c : needle) {
        if (c == '\\' || c == '%' || c == '_') pattern.push_back('\\');
        pattern.push_back(c);
    }
    pattern.push_back('%');
    return pattern;
}

std::optional<bool> completed_for(StatusFilter status) {
    switch (status) {
        case StatusFilter::Pending:
            return false;
        case StatusFilter::Completed:
            return true;
        case StatusFilter::All:
            break;
    }
    return std::nullopt;
}

}  // namespace todo::store
