#include "chatbot/assistant/phrasing.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <regex>
#include <utility>

#include "chatbot/domain/dates.hpp"
#include "chatbot/domain/validation.hpp"

namespace todo::assistant {
namespace {

bool is_word_char(char c) {
    auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u >= 0x80;
}

bool is_trim_punct(char c) {
    return c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '"' ||
           c == '\'' || c == '(' || c == ')' || c == '-' || c == ' ';
}

void collapse_spaces(std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
        out.push_back(c);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    // " ," left behind by a removed phrase
    std::string tidy;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == ' ' && i + 1 < out.size() && (out[i + 1] == ',' || out[i + 1] == '.'))
            continue;
        tidy.push_back(out[i]);
    }
    text = std::move(tidy);
}

void erase_range(std::string& text, std::size_t begin, std::size_t end) {
    text.erase(begin, end - begin);
    collapse_spaces(text);
}

// One whitespace-separated word with its punctuation-free core.
struct Token {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string core;  // lowercase
};

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        if (i >= text.size()) break;
        std::size_t begin = i;
        while (i < text.size() && text[i] != ' ') ++i;
        std::size_t core_begin = begin, core_end = i;
        while (core_begin < core_end && std::string_view("(\"'").find(text[core_begin]) !=
                                            std::string_view::npos)
            ++core_begin;
        while (core_end > core_begin && std::string_view(",.!?;:)\"'").find(text[core_end - 1]) !=
                                            std::string_view::npos)
            --core_end;
        tokens.push_back({begin, core_end, lower_ascii(text.substr(core_begin, core_end - core_begin))});
    }
    return tokens;
}

constexpr std::array<std::pair<std::string_view, unsigned>, 21> kMonths = {{
    {"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"mar", 3},
    {"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6}, {"july", 7}, {"jul", 7},
    {"august", 8}, {"aug", 8}, {"september", 9}, {"sept", 9}, {"sep", 9}, {"october", 10},
    {"november", 11}, {"december", 12},
}};

std::optional<unsigned> month_of(std::string_view word) {
    for (auto [name, number] : kMonths)
        if (word == name) return number;
    if (word == "oct") return 10;
    if (word == "nov") return 11;
    if (word == "dec") return 12;
    return std::nullopt;
}

std::optional<unsigned> day_of(std::string_view word) {
    for (std::string_view suffix : {"st", "nd", "rd", "th"})
        if (word.size() > 2 && word.substr(word.size() - 2) == suffix)
            word.remove_suffix(2);
    if (word.empty() || word.size() > 2) return std::nullopt;
    unsigned day = 0;
    for (char c : word) {
        if (c < '0' || c > '9') return std::nullopt;
        day = day * 10 + static_cast<unsigned>(c - '0');
    }
    if (day < 1 || day > 31) return std::nullopt;
    return day;
}

std::optional<std::string> month_day_date(unsigned month, unsigned day, std::optional<int> year,
                                          std::string_view today) {
    using namespace std::chrono;
    int this_year = std::stoi(std::string(today.substr(0, 4)));
    int y = year.value_or(this_year);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", y, month, day);
    std::string iso = buffer;
    if (!is_iso_date(iso)) return std::nullopt;
    if (!year && iso < std::string(today)) return month_day_date(month, day, y + 1, today);
    return iso;
}

std::optional<int> year_of(std::string_view word) {
    if (word.size() != 4) return std::nullopt;
    for (char c : word)
        if (c < '0' || c > '9') return std::nullopt;
    return std::stoi(std::string(word));
}

// "dec 3", "december 3rd 2026", "3 december", "3rd of december"
std::optional<std::string> calendar_date(const std::vector<std::string>& w, std::string_view today) {
    std::optional<int> year;
    std::size_t n = w.size();
    if (n >= 3 && (year = year_of(w[n - 1]))) --n;
    if (n == 2) {
        if (auto m = month_of(w[0]); m)
            if (auto d = day_of(w[1])) return month_day_date(*m, *d, year, today);
        if (auto d = day_of(w[0]); d)
            if (auto m = month_of(w[1])) return month_day_date(*m, *d, year, today);
    }
    if (n == 3 && w[1] == "of")
        if (auto d = day_of(w[0]); d)
            if (auto m = month_of(w[2])) return month_day_date(*m, *d, year, today);
    return std::nullopt;
}

bool is_short_weekday(std::string_view word) {
    for (std::string_view s : {"sun", "mon", "tue", "wed", "thu", "fri", "sat"})
        if (word == s) return true;
    return false;
}

// The date that exactly these words name, or nullopt.
std::optional<std::string> words_to_date(const std::vector<std::string>& words,
                                         std::string_view today, bool after_preposition) {
    if (words.empty()) return std::nullopt;
    if (words.size() == 1 && is_short_weekday(words[0]) && !after_preposition) return std::nullopt;
    std::string phrase;
    for (const auto& w : words) phrase += (phrase.empty() ? "" : " ") + w;
    if (phrase == "weekend" || phrase == "this weekend" || phrase == "the weekend")
        return resolve_date("saturday", today);
    if (phrase == "in a week") return resolve_date("next week", today);
    if (phrase == "in a day") return resolve_date("tomorrow", today);
    if (auto date = resolve_date(phrase, today)) return date;
    return calendar_date(words, today);
}

bool is_preposition(std::string_view word) {
    for (std::string_view p : {"due", "by", "on", "before", "until", "till", "for", "at"})
        if (word == p) return true;
    return false;
}

struct PriorityPhrase {
    std::string_view text;
    Priority priority;
};

// Longest and negated phrases first, so "not urgent" wins over "urgent".
constexpr std::array<PriorityPhrase, 30> kPriorityPhrases = {{
    {"not urgent", Priority::Low},
    {"not important", Priority::Low},
    {"no rush", Priority::Low},
    {"with a high priority", Priority::High},
    {"with high priority", Priority::High},
    {"with a low priority", Priority::Low},
    {"with low priority", Priority::Low},
    {"with medium priority", Priority::Medium},
    {"with normal priority", Priority::Medium},
    {"it's urgent", Priority::High},
    {"it is urgent", Priority::High},
    {"high priority", Priority::High},
    {"high-priority", Priority::High},
    {"priority high", Priority::High},
    {"priority: high", Priority::High},
    {"top priority", Priority::High},
    {"very important", Priority::High},
    {"important", Priority::High},
    {"urgently", Priority::High},
    {"urgent", Priority::High},
    {"asap", Priority::High},
    {"critical", Priority::High},
    {"low priority", Priority::Low},
    {"low-priority", Priority::Low},
    {"priority low", Priority::Low},
    {"priority: low", Priority::Low},
    {"medium priority", Priority::Medium},
    {"normal priority", Priority::Medium},
    {"priority medium", Priority::Medium},
    {"priority: medium", Priority::Medium},
}};

}  // namespace

std::string normalize_message(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        // U+2018/2019 (‘ ’) and U+201C/201D (“ ”) are E2 80 98/99/9C/9D in UTF-8.
        if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
            auto third = static_cast<unsigned char>(text[i + 2]);
            if (third == 0x98 || third == 0x99) { out.push_back('\''); i += 2; continue; }
            if (third == 0x9C || third == 0x9D) { out.push_back('"'); i += 2; continue; }
        }
        if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') c = ' ';
        out.push_back(static_cast<char>(c));
    }
    collapse_spaces(out);
    while (!out.empty() && out.front() == ' ') out.erase(out.begin());
    return out;
}

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool starts_with_phrase(std::string_view text, std::string_view prefix) {
    if (text.substr(0, prefix.size()) != prefix) return false;
    if (prefix.empty() || text.size() == prefix.size()) return true;
    return !is_word_char(prefix.back()) || !is_word_char(text[prefix.size()]);
}

std::size_t find_phrase(std::string_view text, std::string_view phrase, std::size_t from) {
    for (auto pos = text.find(phrase, from); pos != std::string_view::npos;
         pos = text.find(phrase, pos + 1)) {
        bool left = pos == 0 || !is_word_char(text[pos - 1]) || !is_word_char(phrase.front());
        auto end = pos + phrase.size();
        bool right = end == text.size() || !is_word_char(text[end]) || !is_word_char(phrase.back());
        if (left && right) return pos;
    }
    return std::string_view::npos;
}

bool contains_phrase(std::string_view text, std::string_view phrase) {
    return find_phrase(text, phrase) != std::string_view::npos;
}

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    for (auto& token : tokenize(text))
        if (!token.core.empty()) words.push_back(token.core);
    return words;
}

std::string stem(std::string_view word) {
    std::string w = lower_ascii(word);
    auto ends = [&](std::string_view s) {
        return w.size() > s.size() + 2 && w.compare(w.size() - s.size(), s.size(), s) == 0;
    };
    if (ends("ing")) w.resize(w.size() - 3);
    else if (ends("ed")) w.resize(w.size() - 2);
    else if (ends("es")) w.resize(w.size() - 2);
    else if (ends("s") && !ends("ss")) w.resize(w.size() - 1);
    return w;
}

std::optional<Priority> take_priority(std::string& text) {
    auto low = lower_ascii(text);
    for (const auto& phrase : kPriorityPhrases) {
        auto pos = find_phrase(low, phrase.text);
        if (pos == std::string::npos) continue;
        erase_range(text, pos, pos + phrase.text.size());
        return phrase.priority;
    }
    return std::nullopt;
}

std::optional<Priority> priority_from_value(std::string_view text) {
    auto words = words_of(text);
    std::string value;
    for (const auto& w : words)
        if (w != "a" && w != "the" && w != "be" && w != "as" && w != "it" && w != "priority")
            value += (value.empty() ? "" : " ") + w;
    if (value.empty() && !words.empty() && words.back() == "priority") return std::nullopt;
    if (value == "high" || value == "urgent" || value == "important" || value == "very important" ||
        value == "top" || value == "critical" || value == "asap" || value == "high-priority")
        return Priority::High;
    if (value == "low" || value == "not urgent" || value == "not important" ||
        value == "low-priority")
        return Priority::Low;
    if (value == "medium" || value == "normal" || value == "regular") return Priority::Medium;
    return std::nullopt;
}

std::optional<std::string> take_due_date(std::string& text, std::string_view today) {
    auto tokens = tokenize(text);
    const std::size_t n = tokens.size();
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t start = i;
        bool preposition = is_preposition(tokens[i].core);
        if (preposition) {
            start = i + 1;
            if (tokens[i].core == "due" && start < n &&
                (tokens[start].core == "on" || tokens[start].core == "by" ||
                 tokens[start].core == "before"))
                ++start;
            if (start < n && tokens[start].core == "the") ++start;
        }
        for (std::size_t len = 4; len > 0; --len) {
            if (start + len > n || start >= n) continue;
            std::vector<std::string> words;
            for (std::size_t k = start; k < start + len; ++k) words.push_back(tokens[k].core);
            auto date = words_to_date(words, today, preposition);
            if (!date) continue;
            if (len == 1 && words[0] == "tonight") return date;  // keeps "tonight" in the title
            erase_range(text, tokens[i].begin, tokens[start + len - 1].end);
            return date;
        }
    }
    return std::nullopt;
}

std::optional<std::string> date_from_value(std::string_view text, std::string_view today) {
    auto words = words_of(text);
    std::size_t skip = 0;
    while (skip < words.size() &&
           (is_preposition(words[skip]) || words[skip] == "be" || words[skip] == "the"))
        ++skip;
    bool preposition = skip > 0;
    words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(skip));
    return words_to_date(words, today, preposition || words.size() == 1);
}

std::vector<std::string> take_tags(std::string& text) {
    std::vector<std::string> tags;
    static const std::regex phrase(
        R"((?:,? and |, )?(?:(?:tag|label)(?:ged|led|ed)?(?: it| this| them)?(?: with| as)?(?: the)?(?: tags?)?|with (?:the )?tags?) ([a-z][a-z0-9_-]*))");
    for (bool found = true; found;) {
        found = false;
        auto low = lower_ascii(text);
        for (auto it = std::sregex_iterator(low.begin(), low.end(), phrase);
             it != std::sregex_iterator(); ++it) {
            const auto& m = *it;
            auto pos = static_cast<std::size_t>(m.position(0));
            if (pos > 0 && is_word_char(low[pos]) && is_word_char(low[pos - 1])) continue;
            tags.push_back(text.substr(static_cast<std::size_t>(m.position(1)),
                                       static_cast<std::size_t>(m.length(1))));
            erase_range(text, pos, pos + static_cast<std::size_t>(m.length(0)));
            found = true;
            break;
        }
    }
    for (;;) {
        bool found = false;
        for (const auto& token : tokenize(text)) {
            if (token.core.size() < 2 || token.core[0] != '#') continue;
            char first = token.core[1];
            if (!((first >= 'a' && first <= 'z') || static_cast<unsigned char>(first) >= 0x80))
                continue;
            auto begin = text.find('#', token.begin);
            tags.push_back(text.substr(begin + 1, token.end - begin - 1));
            erase_range(text, token.begin, token.end);
            found = true;
            break;
        }
        if (!found) break;
    }
    return tags;
}

std::optional<std::string> take_description(std::string& text) {
    static const std::regex marker(
        R"((?:,? ?(?:with|and) (?:a |the )?(?:description|details|notes?)(?: saying| of|:)?|(?:description|details|notes?):) )");
    auto low = lower_ascii(text);
    std::smatch m;
    if (!std::regex_search(low, m, marker)) return std::nullopt;
    auto pos = static_cast<std::size_t>(m.position(0));
    auto description = trim(text.substr(pos + static_cast<std::size_t>(m.length(0))));
    if (auto inner = unquote(description)) description = *inner;
    text.erase(pos);
    collapse_spaces(text);
    if (description.empty()) return std::nullopt;
    return description;
}

std::optional<std::string> unquote(std::string_view text) {
    auto t = trim(text);
    while (!t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?')) t.pop_back();
    if (t.size() >= 2 && (t.front() == '"' || t.front() == '\'') && t.back() == t.front())
        return trim(t.substr(1, t.size() - 2));
    return std::nullopt;
}

std::string clean_title(std::string_view text) {
    std::string title = trim(text);
    if (auto inner = unquote(title)) title = *inner;
    static constexpr std::array<std::string_view, 35> leading = {
        "a ", "an ", "the ", "new ", "another ", "task ", "tasks ", "todo ", "to-do ",
        "item ", "reminder ", "note ", "to ", "called ", "named ", "titled ", "saying ",
        "that says ", "for me to ", "that i need to ", "that i have to ", "i need to ",
        "i have to ", "i must ", "me to ", ": ", ":", "- ", "that ", "which is ", "about ",
        "task: ", "task:", "todo: ", "todo:"};
    static constexpr std::array<std::string_view, 20> trailing = {
        " to my todo list", " to my to-do list", " to the todo list", " to my task list",
        " to my list", " to the list", " to my tasks", " to my todos", " to the tasks",
        " on my todo list", " on my list", " on the list", " to do list", " please",
        " for me", " and", " with", " as", " also", " too"};
    for (bool changed = true; changed;) {
        changed = false;
        while (!title.empty() && is_trim_punct(title.back()) && title.back() != ')') {
            title.pop_back();
            changed = true;
        }
        while (!title.empty() && (title.front() == ' ' || title.front() == ',' ||
                                  title.front() == ':' || title.front() == '-')) {
            title.erase(title.begin());
            changed = true;
        }
        auto low = lower_ascii(title);
        // "milk on my shopping list" -> "milk"
        if (low.size() > 5 && low.compare(low.size() - 5, 5, " list") == 0) {
            for (std::string_view marker : {" on my ", " to my ", " on the ", " to the "}) {
                auto pos = low.rfind(marker);
                if (pos != std::string::npos && pos > 0) {
                    title.resize(pos);
                    low.resize(pos);
                    changed = true;
                    break;
                }
            }
        }
        for (auto prefix : leading) {
            if (low.size() > prefix.size() && low.compare(0, prefix.size(), prefix) == 0) {
                title.erase(0, prefix.size());
                changed = true;
                break;
            }
        }
        low = lower_ascii(title);
        for (auto suffix : trailing) {
            if (low.size() > suffix.size() &&
                low.compare(low.size() - suffix.size(), suffix.size(), suffix) == 0) {
                title.resize(title.size() - suffix.size());
                changed = true;
                break;
            }
        }
        if (auto inner = unquote(title)) {
            title = *inner;
            changed = true;
        }
    }
    if (!title.empty() && title[0] >= 'a' && title[0] <= 'z')
        title[0] = static_cast<char>(title[0] - 'a' + 'A');
    return title;
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

}  // namespace todo::assistant
