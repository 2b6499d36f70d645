#include "chatbot/assistant/references.hpp"

#include <algorithm>
#include <array>

#include "chatbot/assistant/phrasing.hpp"

namespace todo::assistant {
namespace {

bool one_of(std::string_view word, std::initializer_list<std::string_view> set) {
    return std::find(set.begin(), set.end(), word) != set.end();
}

bool is_filler(std::string_view w) {
    return one_of(w, {"the", "a", "an", "my", "task", "tasks", "todo", "todos", "to-do", "item",
                      "one", "as", "again", "yet", "please", "now", "back", "is", "was", "called",
                      "named", "titled", "thing", "me", "for", "of", "on", "list", "from", "off",
                      "about", "just", "i", "to", "with", "which", "entry", "reminder", "number",
                      "no", "id", "also", "then", "and", "so"});
}

bool is_pronoun(std::string_view w) {
    return one_of(w, {"it", "that", "this", "last", "same", "previous", "latest", "them", "added",
                      "created", "it's", "that's", "its", "thats"});
}

std::optional<std::int64_t> number_of(std::string_view word) {
    if (!word.empty() && word.front() == '#') word.remove_prefix(1);
    if (word.empty() || word.size() > 15) return std::nullopt;
    std::int64_t value = 0;
    for (char c : word) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<std::int64_t> explicit_number(const std::vector<std::string>& words) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        if (w.size() > 1 && w.front() == '#')
            if (auto n = number_of(w)) return n;
        if (i + 1 < words.size() &&
            one_of(w, {"task", "item", "todo", "to-do", "number", "no", "id", "entry"}))
            if (auto n = number_of(words[i + 1])) return n;
    }
    std::vector<std::string> rest;
    for (const auto& w : words)
        if (!is_filler(w)) rest.push_back(w);
    if (rest.size() == 1) return number_of(rest[0]);
    return std::nullopt;
}

std::string plain_title(const Task& task) {
    std::string joined;
    for (const auto& w : words_of(task.title)) joined += (joined.empty() ? "" : " ") + w;
    return joined;
}

bool stems_match(const std::vector<std::string>& wanted, const Task& task) {
    std::vector<std::string> have;
    for (const auto& w : words_of(task.title)) have.push_back(stem(w));
    for (const auto& w : wanted) {
        auto s = stem(w);
        bool found = std::any_of(have.begin(), have.end(), [&](const std::string& t) {
            return t == s || (s.size() >= 3 && t.rfind(s, 0) == 0);
        });
        if (!found) return false;
    }
    return true;
}

}  // namespace

const Task* task_by_id(const Context& context, std::int64_t id) {
    for (const auto& task : context.tasks)
        if (task.id == id) return &task;
    return nullptr;
}

std::string task_label(const Task& task) {
    return "#" + std::to_string(task.id) + " \u201C" + task.title + "\u201D";
}

TaskReference find_task(std::string_view phrase, const Context& context, Preference preference) {
    TaskReference ref;
    auto words = words_of(lower_ascii(normalize_message(phrase)));
    if (auto number = explicit_number(words)) {
        ref.phrase = "task " + std::to_string(*number);
        ref.id = *number;
        ref.kind = task_by_id(context, *number) ? TaskReference::Kind::Found
                                                : TaskReference::Kind::NotFound;
        return ref;
    }

    std::vector<std::string> significant;
    bool pronoun = false;
    for (const auto& w : words) {
        if (is_pronoun(w)) pronoun = true;
        else if (!is_filler(w)) significant.push_back(w);
    }
    if (significant.empty()) {
        if (!pronoun) return ref;
        ref.phrase = "that task";
        if (!context.last_task_id) {
            ref.kind = TaskReference::Kind::Ambiguous;
            return ref;
        }
        ref.id = *context.last_task_id;
        ref.kind = task_by_id(context, ref.id) ? TaskReference::Kind::Found
                                               : TaskReference::Kind::NotFound;
        return ref;
    }

    std::string fragment;
    for (const auto& w : significant) fragment += (fragment.empty() ? "" : " ") + w;
    ref.phrase = "a task matching \u201C" + fragment + "\u201D";

    std::vector<Task> exact, containing, stemmed;
    for (const auto& task : context.tasks) {
        auto title = plain_title(task);
        if (title == fragment) exact.push_back(task);
        else if (contains_phrase(title, fragment)) containing.push_back(task);
        else if (stems_match(significant, task)) stemmed.push_back(task);
    }
    auto& best = !exact.empty() ? exact : !containing.empty() ? containing : stemmed;
    if (best.size() > 1 && preference != Preference::None) {
        std::vector<Task> preferred;
        for (const auto& task : best)
            if (task.completed == (preference == Preference::Completed)) preferred.push_back(task);
        if (preferred.size() == 1) best = preferred;
    }
    if (best.empty()) {
        ref.kind = TaskReference::Kind::NotFound;
    } else if (best.size() == 1) {
        ref.kind = TaskReference::Kind::Found;
        ref.id = best.front().id;
    } else {
        ref.kind = TaskReference::Kind::Ambiguous;
        ref.candidates = best;
    }
    return ref;
}

std::string ask_back(const TaskReference& reference, const Context& context) {
    using Kind = TaskReference::Kind;
    if (reference.kind == Kind::Ambiguous && !reference.candidates.empty()) {
        std::string text = "I found more than one task like that. Which one do you mean: ";
        for (std::size_t i = 0; i < reference.candidates.size(); ++i) {
            if (i > 0) text += i + 1 == reference.candidates.size() ? " or " : ", ";
            text += task_label(reference.candidates[i]);
        }
        return text + "?";
    }
    if (reference.kind == Kind::NotFound) {
        std::string text = "I couldn't find " + reference.phrase + ".";
        std::vector<const Task*> open;
        for (const auto& task : context.tasks)
            if (!task.completed) open.push_back(&task);
        if (open.empty()) return text + " You have no open tasks right now.";
        text += " Your open tasks are: ";
        for (std::size_t i = 0; i < open.size() && i < 5; ++i)
            text += (i ? ", " : "") + task_label(*open[i]);
        if (open.size() > 5) text += ", \u2026";
        return text + ".";
    }
    return "Which task do you mean? Tell me its number, like \u201Ctask 3\u201D, or part of its "
           "title.";
}

}  // namespace todo::assistant
