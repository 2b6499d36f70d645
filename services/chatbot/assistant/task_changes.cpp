// The rules that change one existing task: reopen, delete, update and complete.
#include <algorithm>
#include <array>
#include <regex>

#include "chatbot/assistant/intent_rules.hpp"
#include "chatbot/assistant/phrasing.hpp"
#include "chatbot/domain/validation.hpp"

namespace todo::assistant::rules {
namespace {

bool one_of(std::string_view word, std::initializer_list<std::string_view> set) {
    return std::find(set.begin(), set.end(), word) != set.end();
}

// The phrase with these words left out, for handing the rest to find_task.
std::string without_words(std::string_view phrase, std::initializer_list<std::string_view> drop) {
    std::string kept;
    for (const auto& w : words_of(phrase))
        if (!one_of(w, drop)) kept += (kept.empty() ? "" : " ") + w;
    return kept;
}

std::string without_phrases(std::string low, std::initializer_list<std::string_view> drop) {
    for (auto phrase : drop)
        for (auto pos = find_phrase(low, phrase); pos != std::string::npos;
             pos = find_phrase(low, phrase))
            low.replace(pos, phrase.size(), " ");
    return low;
}

// A found task, or the reply asking which one. Without any reference, `fallback_to_last`
// lets "mark as done" mean the task the conversation last touched.
struct Resolved {
    const Task* task = nullptr;
    std::optional<Intent> question;
};

Resolved resolve(std::string_view phrase, const Context& context, Preference preference,
                 bool fallback_to_last, std::string_view missing_question) {
    auto ref = find_task(phrase, context, preference);
    if (ref.kind == TaskReference::Kind::Absent && fallback_to_last && context.last_task_id) {
        ref.kind = task_by_id(context, *context.last_task_id) ? TaskReference::Kind::Found
                                                              : TaskReference::Kind::NotFound;
        ref.id = *context.last_task_id;
        ref.phrase = "that task";
    }
    if (ref.kind == TaskReference::Kind::Found) return {task_by_id(context, ref.id), {}};
    if (ref.kind == TaskReference::Kind::Absent) return {nullptr, reply(std::string(missing_question))};
    return {nullptr, reply(ask_back(ref, context))};
}

bool is_done_word(std::string_view w) {
    return one_of(w, {"done", "complete", "completed", "finished", "checked", "ticked", "sorted",
                      "handled"});
}

// What `value` asks a task to become when no field was named.
enum class Field { Unknown, Title, Priority, DueDate, Description };

std::optional<Intent> apply_change(const Task& task, Field field, const std::string& value,
                                   bool quoted, const Context& context) {
    nlohmann::json args{{"task_id", task.id}};
    auto value_low = lower_ascii(value);
    auto words = words_of(value_low);
    if (field == Field::Unknown && !quoted) {
        if (!words.empty() && words.size() <= 2 && is_done_word(words.back()) &&
            words.front() != "not")
            return complete_task(task);
        if (priority_from_value(value)) field = Field::Priority;
        else if (date_from_value(value, context.today) || one_of(value_low, {"no date", "no due date"}))
            field = Field::DueDate;
        else field = Field::Title;
    }
    switch (field) {
        case Field::Title:
        case Field::Unknown: {
            auto title = quoted ? value : clean_title(value);
            if (quoted && !title.empty() && title[0] >= 'a' && title[0] <= 'z')
                title[0] = static_cast<char>(title[0] - 'a' + 'A');
            if (title.empty()) return reply("What should the new title be?");
            args["title"] = title;
            break;
        }
        case Field::Priority: {
            auto priority = priority_from_value(value);
            std::string rest = value;
            if (!priority) priority = take_priority(rest);
            if (!priority) return reply("A priority can be high, medium or low.");
            args["priority"] = std::string(to_string(*priority));
            break;
        }
        case Field::DueDate: {
            if (one_of(value_low, {"none", "nothing", "no date", "no due date", "never", "null"})) {
                args["due_date"] = nullptr;
                break;
            }
            auto date = date_from_value(value, context.today);
            std::string rest = value;
            if (!date) date = take_due_date(rest, context.today);
            if (!date)
                return reply("I couldn't read \u201C" + value +
                             "\u201D as a date. Try \u201Ctomorrow\u201D, \u201Cfriday\u201D or "
                             "\u201C2026-12-01\u201D.");
            args["due_date"] = *date;
            break;
        }
        case Field::Description: args["description"] = value; break;
    }
    return call("update_task", args);
}

Field field_named(std::string_view word) {
    if (one_of(word, {"title", "name", "text", "wording"})) return Field::Title;
    if (word == "priority") return Field::Priority;
    if (one_of(word, {"due date", "deadline", "date", "due"})) return Field::DueDate;
    if (one_of(word, {"description", "note", "notes", "details"})) return Field::Description;
    return Field::Unknown;
}

// A quoted value at the end ("… to 'Call mom tonight'"): its text and where it starts.
std::optional<std::pair<std::size_t, std::string>> trailing_quote(const std::string& text) {
    if (text.empty() || (text.back() != '\'' && text.back() != '"')) return std::nullopt;
    char quote = text.back();
    for (std::size_t pos = text.size() - 1; pos-- > 0;)
        if (text[pos] == quote && (pos == 0 || text[pos - 1] == ' '))
            return std::make_pair(pos, text.substr(pos + 1, text.size() - pos - 2));
    return std::nullopt;
}

}  // namespace

Intent complete_task(const Task& task) {
    if (task.completed)
        return reply(task_label(task) + " is already marked as done. Nice work! (Say \u201Creopen "
                                        "task " + std::to_string(task.id) +
                     "\u201D if it isn't finished after all.)");
    return call("complete_task", {{"task_id", task.id}});
}

std::optional<Intent> reopen_request(const Said& said, const Context& context) {
    static constexpr std::array<std::string_view, 25> triggers = {
        "reopen", "re-open", "unmark", "uncomplete", "un-complete", "not done", "not complete",
        "not completed", "not finished", "incomplete", "undone", "unfinished", "isn't done",
        "isn't finished", "isn't complete", "wasn't done", "as pending", "as open", "as todo",
        "didn't finish", "did not finish", "haven't finished", "back to pending", "back to open",
        "undo"};
    bool triggered = std::any_of(triggers.begin(), triggers.end(),
                                 [&](std::string_view t) { return contains_phrase(said.low, t); });
    if (!triggered) return std::nullopt;
    auto phrase = without_phrases(said.low, {"re-open", "un-complete", "isn't", "wasn't", "didn't",
                                             "haven't"});
    phrase = without_words(phrase, {"reopen", "unmark", "uncomplete", "mark", "set", "not", "done",
                                    "complete", "completed", "finished", "incomplete", "undone",
                                    "unfinished", "pending", "open", "todo", "did", "finish",
                                    "actually", "still", "undo", "re", "un", "isn", "wasn",
                                    "didn", "haven", "t", "i", "as"});
    auto found = resolve(phrase, context, Preference::Completed, true,
                         "Which task should I reopen? Tell me its number, like \u201Ctask 3\u201D.");
    if (!found.task) return found.question;
    if (!found.task->completed)
        return reply(task_label(*found.task) + " is already open, so there's nothing to reopen.");
    return call("update_task", {{"task_id", found.task->id}, {"completed", false}});
}

std::optional<Intent> delete_request(const Said& said, const Context& context) {
    static constexpr std::array<std::string_view, 16> verbs = {
        "delete", "remove", "cancel", "drop", "erase", "trash", "scrap", "scratch", "get rid of",
        "forget about", "forget", "discard", "ditch", "clear", "nuke", "throw away"};
    auto verb = std::find_if(verbs.begin(), verbs.end(),
                             [&](std::string_view v) { return starts_with_phrase(said.low, v); });
    if (verb == verbs.end()) return std::nullopt;
    Said rest = said.from(verb->size());
    if (contains_phrase(rest.low, "due date") || contains_phrase(rest.low, "deadline") ||
        contains_phrase(rest.low, "date")) {
        auto phrase = without_phrases(rest.low, {"due date", "deadline", "date"});
        auto found = resolve(without_words(phrase, {"from", "of", "for", "on"}), context,
                             Preference::None, true, "Which task's due date should I remove?");
        if (!found.task) return found.question;
        return call("update_task", {{"task_id", found.task->id}, {"due_date", nullptr}});
    }
    auto words = words_of(rest.low);
    if (std::any_of(words.begin(), words.end(),
                    [](const std::string& w) { return one_of(w, {"all", "everything", "every"}); }))
        return reply("To be safe I delete one task at a time. Which task should I delete?");
    auto found = resolve(rest.low, context, Preference::None, false,
                         "Which task should I delete? Tell me its number, like \u201Ctask 3\u201D.");
    if (!found.task) return found.question;
    return call("delete_task", {{"task_id", found.task->id}});
}

std::optional<Intent> update_request(const Said& said, const Context& context) {
    static constexpr std::array<std::string_view, 23> verbs = {
        "rename", "retitle", "change", "update", "edit", "modify", "set", "make", "move",
        "reschedule", "postpone", "push", "delay", "prioritize", "prioritise", "deprioritize",
        "deprioritise", "bump", "mark", "raise", "increase", "lower", "decrease"};
    auto verb = std::find_if(verbs.begin(), verbs.end(),
                             [&](std::string_view v) { return starts_with_phrase(said.low, v); });
    Field field = Field::Unknown;
    std::string ref_part, value;
    bool quoted = false;

    if (verb == verbs.end()) {
        // Statements: "task 2 is due friday", "the milk task is urgent".
        static const std::regex statement(
            R"(^(.+?) (?:is|are|should be|needs to be|must be|has to be|is now) (.+)$)");
        static const std::regex due_statement(R"(^(.+?) (?:is )?(due .+)$)");
        std::smatch m;
        if (!std::regex_match(said.low, m, statement) && !std::regex_match(said.low, m, due_statement))
            return std::nullopt;
        ref_part = m.str(1);
        value = said.text.substr(static_cast<std::size_t>(m.position(2)));
        if (!priority_from_value(value) && !date_from_value(value, context.today))
            return std::nullopt;
        auto ref = find_task(ref_part, context);
        // Only a numbered task is worth asking back about; "add x due friday" is no statement.
        if (ref.kind == TaskReference::Kind::Absent ||
            (ref.kind == TaskReference::Kind::NotFound && ref.phrase.rfind("task ", 0) != 0))
            return std::nullopt;
        if (ref.kind != TaskReference::Kind::Found) return reply(ask_back(ref, context));
        return apply_change(*task_by_id(context, ref.id), Field::Unknown, value, false, context);
    }

    std::string_view v = *verb;
    Said rest = said.from(v.size());
    if (one_of(v, {"make", "set"}) &&
        (starts_with_phrase(rest.low, "a") || starts_with_phrase(rest.low, "an") ||
         starts_with_phrase(rest.low, "new") || starts_with_phrase(rest.low, "me")))
        return std::nullopt;  // "make a task to …" adds one
    if (v == "mark") {
        auto as = find_phrase(rest.low, "as");
        std::string tail = as == std::string::npos ? std::string() : rest.text.substr(as + 2);
        if (!priority_from_value(tail) && !contains_phrase(rest.low, "priority") &&
            !contains_phrase(rest.low, "urgent") && !contains_phrase(rest.low, "important"))
            return std::nullopt;  // "mark … done" is for complete_request
    }
    if (one_of(v, {"raise", "increase", "lower", "decrease"})) {
        if (!contains_phrase(rest.low, "priority")) return std::nullopt;
        auto found = resolve(without_words(rest.low, {"the", "priority", "of", "for", "on"}), context,
                             Preference::None, true, "Which task's priority should I change?");
        if (!found.task) return found.question;
        return apply_change(*found.task, Field::Priority,
                            one_of(v, {"raise", "increase"}) ? "high" : "low", false, context);
    }
    if (one_of(v, {"rename", "retitle"})) field = Field::Title;
    if (one_of(v, {"move", "reschedule", "postpone", "push", "delay"})) field = Field::DueDate;
    if (one_of(v, {"prioritize", "prioritise", "bump"}) && rest.low.find(" to ") == std::string::npos) {
        ref_part = rest.low;
        value = "high";
        field = Field::Priority;
    } else if (one_of(v, {"deprioritize", "deprioritise"})) {
        ref_part = rest.low;
        value = "low";
        field = Field::Priority;
    } else {
        // "the title of task 1 to …", "task 1's title to …", "task 1 priority to …"
        static const std::regex field_first(
            R"(^(?:the )?(title|name|priority|due date|deadline|date|description|notes?|details) (?:of|for|on) )");
        static const std::regex field_after(
            R"(^(.*?)(?:'s)? (title|name|priority|due date|deadline|date|description|notes?|details)(?= to | as | into |: | =))");
        std::smatch m;
        if (std::regex_search(rest.low, m, field_first)) {
            field = field_named(m.str(1));
            rest = rest.from(static_cast<std::size_t>(m.length(0)));
        } else if (std::regex_search(rest.low, m, field_after)) {
            field = field_named(m.str(2));
            rest = Said(m.str(1) + rest.text.substr(static_cast<std::size_t>(m.length(0))));
        }
        if (auto q = trailing_quote(rest.text)) {
            quoted = true;
            value = q->second;
            ref_part = rest.low.substr(0, q->first);
        } else {
            std::size_t split = std::string::npos, skip = 0;
            for (std::string_view sep : {" to ", " into ", " as ", " until ", " till ", " for ",
                                         ": ", " = "}) {
                if (sep == " as " && field != Field::Title) continue;
                if ((sep == " until " || sep == " till " || sep == " for ") && field != Field::DueDate)
                    continue;
                auto pos = rest.low.find(sep);
                if (pos != std::string::npos && pos < split) {
                    split = pos;
                    skip = sep.size();
                }
            }
            if (split != std::string::npos) {
                ref_part = rest.low.substr(0, split);
                value = trim(rest.text.substr(split + skip));
            } else {
                // "make task 2 high priority", "make it due friday", "move task 2 tomorrow"
                std::string remaining = rest.text;
                if (auto priority = take_priority(remaining)) {
                    field = Field::Priority;
                    value = std::string(to_string(*priority));
                } else if (auto date = take_due_date(remaining, context.today)) {
                    field = Field::DueDate;
                    value = *date;
                } else {
                    auto words = words_of(lower_ascii(remaining));
                    if (!words.empty() && priority_from_value(words.back())) {
                        field = Field::Priority;
                        value = words.back();
                        remaining = remaining.substr(0, lower_ascii(remaining).rfind(words.back()));
                    } else if (field == Field::DueDate) {
                        return reply("Until when? For example \u201Cmove task 2 to friday\u201D.");
                    } else {
                        return std::nullopt;
                    }
                }
                ref_part = lower_ascii(remaining);
            }
        }
    }
    ref_part = without_words(ref_part, {"due", "the", "priority", "title", "name", "date"});
    auto found = resolve(ref_part, context, Preference::None, true,
                         "Which task should I change? Tell me its number, like \u201Ctask 3\u201D.");
    if (!found.task) return found.question;
    return apply_change(*found.task, field, value, quoted, context);
}

std::optional<Intent> complete_request(const Said& said, const Context& context) {
    static constexpr std::array<std::string_view, 32> verbs = {
        "i just finished", "i've just finished", "i have finished", "i've finished", "i finished",
        "i have completed", "i've completed", "i completed", "i have done", "i've done", "i did",
        "i'm done with", "im done with", "i am done with", "i'm finished with", "done with",
        "finished with", "just finished", "i took care of", "took care of", "i got", "check off",
        "tick off", "cross off", "complete", "completed", "finish", "finished", "close", "did",
        "i handled", "i sorted"};
    std::string phrase;
    auto verb = std::find_if(verbs.begin(), verbs.end(),
                             [&](std::string_view v) { return starts_with_phrase(said.low, v); });
    auto words = words_of(said.low);
    bool marked = !words.empty() && one_of(words[0], {"mark", "set", "flag", "tick", "check", "cross"}) &&
                  std::any_of(words.begin(), words.end(), [](const std::string& w) {
                      return is_done_word(w) || w == "off";
                  });
    bool ends_done = words.size() >= 2 && is_done_word(words.back());
    if (verb != verbs.end()) {
        phrase = said.low.substr(verb->size());
    } else if (marked || ends_done || contains_phrase(said.low, "taken care of")) {
        phrase = said.low;
    } else {
        return std::nullopt;
    }
    phrase = without_phrases(phrase, {"taken care of", "checked off", "ticked off", "crossed off"});
    phrase = without_words(phrase, {"mark", "set", "flag", "tick", "check", "cross", "off", "as",
                                    "is", "are", "has", "been", "was", "now", "done", "complete",
                                    "completed", "finished", "checked", "ticked", "sorted",
                                    "handled", "all", "with"});
    auto found = resolve(phrase, context, Preference::Pending, true,
                         "Which task did you finish? Tell me its number, like \u201Ctask 3\u201D.");
    if (!found.task) return found.question;
    return complete_task(*found.task);
}

}  // namespace todo::assistant::rules
