#include "chatbot/assistant/text.hpp"

#include <array>
#include <chrono>
#include <cstdio>

#include "chatbot/domain/dates.hpp"

namespace todo::assistant {
namespace {

constexpr std::string_view kPunct = ",:;!?.()";

bool is_space(char c) { return c == ' '; }

std::optional<unsigned> month_of(std::string_view word) {
    static constexpr std::array<std::string_view, 12> names = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    for (unsigned i = 0; i < 12; ++i)
        if (word == names[i] || (word.size() >= 3 && names[i].starts_with(word) &&
                                 (word.size() == 3 || word == "sept")))
            return i + 1;
    return std::nullopt;
}

std::optional<unsigned> day_of(std::string_view word) {
    for (std::string_view suffix : {"st", "nd", "rd", "th"})
        if (word.size() > 2 && word.ends_with(suffix)) word.remove_suffix(2);
    if (word.empty() || word.size() > 2) return std::nullopt;
    unsigned day = 0;
    for (char c : word) {
        if (c < '0' || c > '9') return std::nullopt;
        day = day * 10 + static_cast<unsigned>(c - '0');
    }
    if (day < 1 || day > 31) return std::nullopt;
    return day;
}

std::optional<std::string> month_day(unsigned month, unsigned day, std::string_view today) {
    int year = std::stoi(std::string(today.substr(0, 4)));
    for (int attempt = 0; attempt < 2; ++attempt, ++year) {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year, month, day);
        if (!is_iso_date(buffer)) return std::nullopt;
        if (std::string(buffer) >= today) return std::string(buffer);
    }
    return std::nullopt;
}

}  // namespace

std::string normalize_message(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        // U+2018/2019 and U+201C/201D are E2 80 98/99/9C/9D in UTF-8.
        if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
            auto third = static_cast<unsigned char>(text[i + 2]);
            if (third == 0x98 || third == 0x99) { out.push_back('\''); i += 2; continue; }
            if (third == 0x9C || third == 0x9D) { out.push_back('"'); i += 2; continue; }
        }
        if (c < ' ') c = ' ';
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out.push_back(static_cast<char>(c));
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

Tokens tokenize(std::string_view text) {
    Tokens tokens;
    std::size_t i = 0;
    bool space = true;
    auto push = [&](std::string word, bool quoted = false) {
        Token token{word, quoted ? std::string("\"") : lower_ascii(word), quoted, space};
        tokens.push_back(std::move(token));
        space = false;
    };
    while (i < text.size()) {
        char c = text[i];
        if (is_space(c)) { space = true; ++i; continue; }
        // A quote opens at a word start and closes before a space, punctuation or the end.
        if ((c == '"' || c == '\'') && (i == 0 || is_space(text[i - 1]) || text[i - 1] == '(' ||
                                        text[i - 1] == ':')) {
            for (std::size_t j = i + 1; j < text.size(); ++j) {
                bool closes = text[j] == c && (j + 1 == text.size() || is_space(text[j + 1]) ||
                                               kPunct.find(text[j + 1]) != std::string_view::npos);
                if (!closes) continue;
                if (j > i + 1) {
                    push(std::string(text.substr(i + 1, j - i - 1)), true);
                    i = j + 1;
                }
                break;
            }
            if (i < text.size() && text[i] == c) { ++i; continue; }  // a stray quote
            continue;
        }
        if (kPunct.find(c) != std::string_view::npos) {
            push(std::string(1, c));
            ++i;
            continue;
        }
        std::size_t begin = i;
        while (i < text.size() && !is_space(text[i]) &&
               kPunct.find(text[i]) == std::string_view::npos &&
               !(text[i] == '"' && i > begin))
            ++i;
        auto word = std::string(text.substr(begin, i - begin));
        // A closing quote glued to a word ("done'") is no part of it.
        while (!word.empty() && (word.back() == '\'' || word.back() == '"')) word.pop_back();
        while (!word.empty() && word.front() == '"') word.erase(word.begin());
        if (word.empty()) continue;
        if (word == "-" || word == "--" || word == "\u2013" || word == "\u2014") word = "-";
        push(std::move(word));
    }
    return tokens;
}

std::vector<std::string> lows(const Tokens& tokens) {
    std::vector<std::string> out;
    out.reserve(tokens.size());
    for (const auto& t : tokens) out.push_back(t.low);
    return out;
}

bool is_punct(const Token& token) {
    return !token.quoted && (token.text == "-" ||
                             (token.text.size() == 1 && kPunct.find(token.text[0]) != std::string_view::npos));
}

std::string join(const Tokens& tokens, std::size_t begin, std::size_t end) {
    std::string out;
    for (std::size_t i = begin; i < end && i < tokens.size(); ++i) {
        const auto& t = tokens[i];
        bool attach = t.text.size() == 1 && std::string_view(",:;!?.)").find(t.text[0]) !=
                                                std::string_view::npos;
        if (!out.empty() && !attach && !(out.back() == '(')) out += ' ';
        out += t.quoted ? "\"" + t.text + "\"" : t.text;
    }
    return out;
}

Tokens slice(const Tokens& tokens, std::size_t begin, std::size_t end) {
    if (begin >= end || begin >= tokens.size()) return {};
    return Tokens(tokens.begin() + static_cast<long>(begin),
                  tokens.begin() + static_cast<long>(std::min(end, tokens.size())));
}

void trim_punct(Tokens& tokens) {
    while (!tokens.empty() && is_punct(tokens.front())) tokens.erase(tokens.begin());
    while (!tokens.empty() && is_punct(tokens.back())) tokens.pop_back();
}

std::optional<std::string> words_to_date(const std::vector<std::string>& words,
                                         std::string_view today) {
    if (words.empty() || words.size() > 4) return std::nullopt;
    std::string phrase;
    for (const auto& w : words) phrase += (phrase.empty() ? "" : " ") + w;
    if (phrase == "weekend" || phrase == "this weekend" || phrase == "the weekend" ||
        phrase == "over the weekend")
        return resolve_date("saturday", today);
    if (phrase == "in a week" || phrase == "a week from now") return resolve_date("next week", today);
    if (phrase == "in a day" || phrase == "tmrw" || phrase == "tomorow" || phrase == "tommorow" ||
        phrase == "tomorrow night" || phrase == "tomorrow morning")
        return resolve_date("tomorrow", today);
    if (phrase == "tonight" || phrase == "this evening" || phrase == "end of day" ||
        phrase == "eod")
        return resolve_date("today", today);
    if (auto date = resolve_date(phrase, today)) return date;
    auto n = words.size();
    std::vector<std::string> w = words;
    if (n >= 2 && w[0] == "the") w.erase(w.begin());
    n = w.size();
    if (n == 2) {
        if (auto m = month_of(w[0]); m)
            if (auto d = day_of(w[1])) return month_day(*m, *d, today);
        if (auto d = day_of(w[0]); d)
            if (auto m = month_of(w[1])) return month_day(*m, *d, today);
    }
    if (n == 3 && w[1] == "of")
        if (auto d = day_of(w[0]); d)
            if (auto m = month_of(w[2])) return month_day(*m, *d, today);
    return std::nullopt;
}

std::string describe_date(std::string_view iso, std::string_view today) {
    if (iso == today) return "today";
    if (auto tomorrow = resolve_date("tomorrow", today); tomorrow && iso == *tomorrow)
        return "tomorrow";
    if (!is_iso_date(iso)) return std::string(iso);
    using namespace std::chrono;
    year_month_day ymd{year{std::stoi(std::string(iso.substr(0, 4)))},
                       month{static_cast<unsigned>(std::stoi(std::string(iso.substr(5, 2))))},
                       day{static_cast<unsigned>(std::stoi(std::string(iso.substr(8, 2))))}};
    static constexpr std::array<std::string_view, 7> names = {
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    return std::string(names[weekday{sys_days{ymd}}.c_encoding()]) + " " + std::string(iso);
}

std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

}  // namespace todo::assistant
