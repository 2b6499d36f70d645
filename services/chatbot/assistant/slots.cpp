// Slot filling: cue words (priority, due date, tags, description) consumed where they stand,
// then the add and list frames built from what is left.
#include <algorithm>

#include "chatbot/assistant/frames.hpp"

namespace todo::assistant::frames {
namespace {

using nlohmann::json;

void erase(Tokens& tokens, std::size_t begin, std::size_t end) {
    tokens.erase(tokens.begin() + static_cast<long>(begin), tokens.begin() + static_cast<long>(end));
}

std::optional<Priority> priority_cue(const Words& words, std::size_t pos, std::size_t& length) {
    for (auto [cue, priority] : {std::pair{Cue::High, Priority::High},
                                 std::pair{Cue::Medium, Priority::Medium},
                                 std::pair{Cue::Low, Priority::Low}})
        if (auto n = match_cue(cue, words, pos)) {
            length = n;
            return priority;
        }
    return std::nullopt;
}

bool contains_word(const Words& words, std::size_t begin, std::size_t end, std::string_view w) {
    for (std::size_t i = begin; i < end; ++i)
        if (words[i] == w) return true;
    return false;
}

std::optional<Priority> take_priority(Tokens& tokens) {
    auto words = lows(tokens);
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::size_t n = 0;
        auto priority = priority_cue(words, i, n);
        if (!priority) continue;
        std::size_t end = i + n;
        bool explicit_phrase = n > 1 || contains_word(words, i, end, "priority");
        bool in_parens = i > 0 && words[i - 1] == "(" && end < words.size() && words[end] == ")";
        bool at_start = i == 0 || words[i - 1] == ":" || words[i - 1] == "a" || words[i - 1] == "an";
        bool at_end = end == words.size() || words[end] == "!" || words[end] == ".";
        bool after_comma = i > 0 && (words[i - 1] == "," || words[i - 1] == "-");
        bool before_noun = end < words.size() && match_cue(Cue::TaskNoun, words, end);
        bool before_colon = end < words.size() && words[end] == ":";
        if (!(explicit_phrase || in_parens || at_start || at_end || after_comma || before_noun ||
              before_colon))
            continue;
        std::size_t from = i, to = end;
        if (in_parens) { --from; ++to; }
        if (from > 0 && words[from - 1] == ",") --from;
        erase(tokens, from, to);
        return priority;
    }
    return std::nullopt;
}

bool short_weekday(std::string_view w) {
    for (std::string_view s : {"sun", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "may", "mar"})
        if (w == s) return true;
    return false;
}

std::optional<std::string> take_due_date(Tokens& tokens, const Context& context) {
    auto words = lows(tokens);
    for (std::size_t i = 0; i < words.size(); ++i) {
        for (std::size_t len = std::min<std::size_t>(4, words.size() - i); len >= 1; --len) {
            Words phrase(words.begin() + static_cast<long>(i),
                         words.begin() + static_cast<long>(i + len));
            if (tokens[i].quoted) break;
            auto date = words_to_date(phrase, context.today);
            if (!date) continue;
            std::size_t prefix = 0;
            for (std::size_t k = std::min<std::size_t>(3, i); k >= 1 && !prefix; --k)
                if (match_cue(Cue::DuePrefix, words, i - k) == k) prefix = k;
            std::size_t end = i + len;
            bool edge = end == words.size() || i == 0 || words[end] == "," || words[end] == ":" ||
                        words[end] == "to" || words[end] == ")" || words[end] == "!" ||
                        words[end] == ".";
            if (!prefix && (!edge || (len == 1 && short_weekday(phrase[0])))) continue;
            std::size_t from = i - prefix;
            if (from > 0 && words[from - 1] == "is") --from;
            if (from > 0 && words[from - 1] == ",") --from;
            if (phrase.size() == 1 && phrase[0] == "tonight") from = end;  // "… tonight" stays said
            erase(tokens, from, end);
            if (from < tokens.size() && from > 0 && tokens[from].low == "," &&
                (from == tokens.size() - 1))
                erase(tokens, from, from + 1);
            return date;
        }
    }
    return std::nullopt;
}

std::vector<std::string> take_tags(Tokens& tokens) {
    std::vector<std::string> tags;
    for (std::size_t i = 0; i < tokens.size();) {
        const auto& low = tokens[i].low;
        if (!tokens[i].quoted && low.size() > 1 && low[0] == '#' &&
            low.find_first_not_of("0123456789", 1) != std::string::npos) {
            tags.push_back(low.substr(1));
            erase(tokens, i, i + 1);
            continue;
        }
        auto words = lows(tokens);
        if (auto n = match_cue(Cue::TagLead, words, i);
            n && i + n < words.size() && !is_cue_word(Cue::Stop, words[i + n]) &&
            !is_punct(tokens[i + n]) && i > 0) {
            tags.push_back(words[i + n]);
            erase(tokens, i, i + n + 1);
            continue;
        }
        ++i;
    }
    return tags;
}

std::optional<std::string> take_description(Tokens& tokens) {
    auto words = lows(tokens);
    for (std::size_t i = 1; i < words.size(); ++i)
        if (auto n = match_cue(Cue::DescriptionLead, words, i); n && i + n < words.size()) {
            std::size_t from = i + n;
            if (from < words.size() && words[from] == ":") ++from;
            auto text = join(tokens, from, tokens.size());
            erase(tokens, i, tokens.size());
            return text;
        }
    return std::nullopt;
}

// "a new task to", "an item called", "three tasks:": what stands between the verb and a title.
void strip_title_lead(Tokens& tokens) {
    auto words = lows(tokens);
    std::size_t i = 0;
    while (i < words.size() && (words[i] == "a" || words[i] == "an" || words[i] == "new" ||
                                words[i] == "another" || words[i] == "some" ||
                                words[i] == "something" || words[i] == "two" ||
                                words[i] == "three" || words[i] == "four" || words[i] == "few" ||
                                words[i] == "couple" || words[i] == "of" || words[i] == "more"))
        ++i;
    std::size_t noun = match_cue(Cue::TaskNoun, words, i);
    if (!noun && i < words.size() && words[i] == "something") noun = 1;
    if (noun || (i > 0 && i < words.size() && (words[i] == ":" || words[i] == "-"))) {
        i += noun;
        while (i < words.size() && match_cue(Cue::TitleLead, words, i))
            i += match_cue(Cue::TitleLead, words, i);
        erase(tokens, 0, i);
    }
    trim_punct(tokens);
}

std::vector<Tokens> split_items(const Tokens& tokens) {
    bool comma = std::any_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.low == ","; });
    if (!comma) return {tokens};
    std::vector<Tokens> items(1);
    for (const auto& t : tokens) {
        if (t.low == ",") items.emplace_back();
        else items.back().push_back(t);
    }
    // "… flour and sugar": the last item's "and" separates two more.
    auto last = items.back();
    items.pop_back();
    Tokens current;
    for (const auto& t : last) {
        if (t.low == "and" || t.low == "&") {
            items.push_back(current);
            current.clear();
        } else {
            current.push_back(t);
        }
    }
    items.push_back(current);
    std::vector<Tokens> out;
    for (auto& item : items) {
        trim_punct(item);
        while (!item.empty() && (item.front().low == "and" || item.front().low == "&"))
            item.erase(item.begin());
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

std::string title_of(Tokens tokens) {
    trim_punct(tokens);
    if (tokens.size() == 1 && tokens[0].quoted) return capitalised(tokens[0].text);
    // Empty brackets left behind by a consumed "(high priority)".
    for (std::size_t i = 0; i + 1 < tokens.size();)
        if (tokens[i].low == "(" && tokens[i + 1].low == ")") erase(tokens, i, i + 2);
        else ++i;
    return capitalised(join(tokens, 0, tokens.size()));
}

}  // namespace

std::optional<Priority> priority_value(const Tokens& tokens) {
    auto words = lows(tokens);
    std::size_t start = 0;
    while (start < words.size() && (words[start] == "as" || words[start] == "to" ||
                                    words[start] == "a" || words[start] == "be"))
        ++start;
    std::size_t n = 0;
    auto priority = priority_cue(words, start, n);
    if (!priority) return std::nullopt;
    std::size_t end = start + n;
    while (end < words.size() && (words[end] == "priority" || match_cue(Cue::TaskNoun, words, end) ||
                                  is_punct(tokens[end])))
        ++end;
    return end == words.size() ? priority : std::nullopt;
}

std::optional<std::string> date_value(const Tokens& tokens, const Context& context) {
    auto words = lows(tokens);
    std::size_t start = 0;
    while (start < words.size() && (words[start] == "to" || words[start] == "be" ||
                                    words[start] == "until" || words[start] == "till"))
        ++start;
    if (auto n = match_cue(Cue::DuePrefix, words, start)) {
        Words rest(words.begin() + static_cast<long>(start + n), words.end());
        if (auto date = words_to_date(rest, context.today)) return date;
    }
    Words rest(words.begin() + static_cast<long>(start), words.end());
    while (!rest.empty() && (rest.back() == "." || rest.back() == "!")) rest.pop_back();
    return words_to_date(rest, context.today);
}

Cues take_cues(Tokens& tokens, const Context& context) {
    Cues cues;
    cues.description = take_description(tokens);
    cues.tags = take_tags(tokens);
    cues.priority = take_priority(tokens);
    cues.due_date = take_due_date(tokens, context);
    if (!cues.priority) cues.priority = take_priority(tokens);
    return cues;
}

Plan add_frame(Tokens rest, const Context& context, std::optional<Priority> lead_priority) {
    strip_edges(rest, {Cue::Polite});
    while (auto n = cue_ending_at(Cue::ListTail, rest, rest.size())) {
        rest.resize(rest.size() - n);
        strip_edges(rest, {Cue::Polite});
    }
    auto cues = take_cues(rest, context);
    if (!cues.priority) cues.priority = lead_priority;
    strip_title_lead(rest);
    // "remind me tomorrow to call …": the date went, its "to" goes too.
    if (rest.size() > 1 && rest.front().low == "to") rest.erase(rest.begin());
    while (auto n = cue_ending_at(Cue::ListTail, rest, rest.size())) rest.resize(rest.size() - n);
    trim_punct(rest);
    Plan plan;
    for (const auto& item : split_items(rest)) {
        auto title = title_of(item);
        if (title.empty()) continue;
        json args{{"title", title}};
        if (cues.priority) args["priority"] = std::string(to_string(*cues.priority));
        if (cues.due_date) args["due_date"] = *cues.due_date;
        if (!cues.tags.empty()) args["tags"] = cues.tags;
        if (cues.description) args["description"] = *cues.description;
        plan.calls.push_back(call("add_task", std::move(args)));
    }
    if (plan.calls.empty())
        return reply("What should the task say? For example \u201CAdd a task to buy groceries\u201D.");
    return plan;
}

bool list_only(const Tokens& tokens) {
    auto words = lows(tokens);
    if (words.empty()) return false;
    bool listy = false;
    for (std::size_t i = 0; i < words.size();) {
        std::size_t n = 0;
        for (auto cue : {Cue::Pending, Cue::Completed, Cue::TaskNoun, Cue::DueOverdue,
                         Cue::DueToday, Cue::DueWeek, Cue::AllTasks, Cue::High, Cue::Low})
            if ((n = match_cue(cue, words, i))) {
                listy = true;
                break;
            }
        if (!n && (is_cue_word(Cue::Stop, words[i]) || words[i] == "what's" || words[i] == "whats"))
            n = 1;
        if (!n) return false;
        i += n;
    }
    return listy;
}

Plan list_frame(Tokens rest, const Context& context, bool searching) {
    strip_edges(rest, {Cue::Polite});
    json args = json::object();
    auto words = lows(rest);
    Tokens leftover;
    for (std::size_t i = 0; i < words.size();) {
        auto try_cue = [&](Cue cue) { return match_cue(cue, words, i); };
        std::size_t n = 0;
        if ((n = try_cue(Cue::SortDue))) args["sort"] = "due";
        else if ((n = try_cue(Cue::SortPriority))) args["sort"] = "priority";
        else if ((n = try_cue(Cue::SortTitle))) args["sort"] = "title";
        else if ((n = try_cue(Cue::SortCreated))) args["sort"] = "created";
        else if (words[i].size() > 1 && words[i][0] == '#') { args["tag"] = words[i].substr(1); n = 1; }
        else if ((n = try_cue(Cue::TagLead)) && i + n < words.size() && i > 0) {
            args["tag"] = words[i + n];
            ++n;
        } else if ((n = try_cue(Cue::DueOverdue))) args["due"] = "overdue";
        else if (std::size_t d = try_cue(Cue::DueWord);
                 d && i + d < words.size() &&
                 [&] {
                     for (std::size_t len = std::min<std::size_t>(4, words.size() - i - d); len >= 1; --len)
                         if (auto date = words_to_date(Words(words.begin() + static_cast<long>(i + d),
                                                             words.begin() + static_cast<long>(i + d + len)),
                                                       context.today)) {
                             args["due"] = *date == context.today ? std::string("today") : *date;
                             n = d + len;
                             return true;
                         }
                     return false;
                 }()) {
        } else if ((n = try_cue(Cue::DueToday))) args["due"] = "today";
        else if ((n = try_cue(Cue::DueWeek))) args["due"] = "week";
        else if (auto date = words_to_date({words[i]}, context.today);
                 date && words[i].size() > 3) {
            args["due"] = *date;
            n = 1;
        } else if (std::size_t p = 0; (p = try_cue(Cue::High)) && !try_cue(Cue::Pending)) {
            args["priority"] = "high";
            n = p;
        } else if ((n = try_cue(Cue::Low))) args["priority"] = "low";
        else if ((n = try_cue(Cue::Medium)) && i + n < words.size() && words[i + n] == "priority")
            args["priority"] = "medium";
        else if ((n = try_cue(Cue::Completed))) args["status"] = "completed";
        else if ((n = try_cue(Cue::Pending))) args["status"] = "pending";
        else if ((n = try_cue(Cue::SearchLead)) && i + n < words.size()) searching = true;
        else { leftover.push_back(rest[i]); n = 1; }
        i += n;
    }
    if (searching) {
        strip_edges(leftover, {Cue::Stop, Cue::TaskNoun, Cue::Polite});
        if (!leftover.empty()) {
            auto term = leftover.size() == 1 && leftover[0].quoted ? leftover[0].text
                                                                   : lower_ascii(join(leftover, 0, leftover.size()));
            args["search"] = term;
        }
    }
    Plan plan;
    plan.calls.push_back(call("list_tasks", std::move(args)));
    return plan;
}

}  // namespace todo::assistant::frames
