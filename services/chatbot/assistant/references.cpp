// Resolving what a reference phrase points at: ids, ordinals over the last list, "both",
// "all of them", "it", bulk sets, and scored title matches.
#include <algorithm>

#include "chatbot/assistant/frames.hpp"

namespace todo::assistant::frames {
namespace {

using Kind = Resolution::Kind;

std::optional<std::int64_t> number_of(std::string_view word) {
    if (!word.empty() && word.front() == '#') word.remove_prefix(1);
    if (word.empty() || word.size() > 15 || word.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    return std::stoll(std::string(word));
}

bool filler(const std::string& w) {
    return w == "the" || w == "and" || w == "one" || w == "ones" || w == "," || w == "&" ||
           w == "task" || w == "tasks" || w == "item" || w == "my" || w == "a" || w == "on" ||
           w == "in" || w == "list" || w == "of" || w == "from" || w == "todo" || w == "number" ||
           w == "no" || w == "id" || w == "#" || w == "entry" || w == "items" || w == "too";
}

Resolution found(std::vector<std::int64_t> ids) {
    Resolution r;
    r.kind = Kind::Found;
    r.ids = std::move(ids);
    return r;
}

// "task 3", "#3", "3", "tasks 3 and 5".
std::optional<std::vector<std::int64_t>> explicit_ids(const Words& words) {
    std::vector<std::int64_t> ids;
    for (const auto& w : words) {
        if (auto n = number_of(w)) ids.push_back(*n);
        else if (!filler(w)) return std::nullopt;
    }
    if (ids.empty()) return std::nullopt;
    return ids;
}

// "the first one", "the first and the third", "the last one".
std::optional<std::vector<int>> ordinals(const Words& words) {
    std::vector<int> picks;
    for (const auto& w : words) {
        if (auto n = ordinal(w)) picks.push_back(*n);
        else if (!filler(w)) return std::nullopt;
    }
    if (picks.empty()) return std::nullopt;
    return picks;
}

Words trimmed(Words words) {
    while (!words.empty() && (filler(words.front()) || words.front() == "of")) words.erase(words.begin());
    while (!words.empty() && (filler(words.back()) || words.back() == "." || words.back() == "!"))
        words.pop_back();
    return words;
}

std::vector<Task> pool_tasks(const Context& context, const std::vector<std::int64_t>& pool) {
    if (pool.empty()) return context.tasks.all();
    std::vector<Task> out;
    for (auto id : pool)
        if (auto task = task_by_id(context, id)) out.push_back(*task);
    return out;
}

Resolution by_title(const Words& words, const Context& context, Preference preference,
                    const std::vector<std::int64_t>& pool) {
    Resolution r;
    std::string phrase;
    for (const auto& w : words) phrase += (phrase.empty() ? "" : " ") + w;
    r.phrase = phrase;
    auto tasks = pool_tasks(context, pool);
    auto match = match_title(words, tasks, preference);
    if (match.best.empty()) {
        r.kind = Kind::NotFound;
        return r;
    }
    if (match.best.size() == 1) return found({match.best.front()->id});
    r.kind = Kind::Ambiguous;
    for (const auto* task : match.best)
        if (auto original = task_by_id(context, task->id)) r.candidates.push_back(original);
    return r;
}

// One reference without "and": everything but splitting.
Resolution resolve_one(const Words& raw, const Context& context, Preference preference,
                       const std::vector<std::int64_t>& pool) {
    auto words = trimmed(raw);
    const auto& listed = pool.empty() ? context.last_listed : pool;
    if (words.empty()) {
        bool pronoun = std::any_of(raw.begin(), raw.end(), [](const std::string& w) {
            return is_cue_word(Cue::Pronoun, w);
        });
        if (context.last_task_id && (pronoun || raw.empty())) return found({*context.last_task_id});
        return {};
    }
    if (auto ids = explicit_ids(words)) return found(*ids);
    if (auto picks = ordinals(words); picks && !listed.empty()) {
        std::vector<std::int64_t> ids;
        for (int n : *picks) {
            if (n == -1) ids.push_back(listed.back());
            else if (n >= 1 && static_cast<std::size_t>(n) <= listed.size()) ids.push_back(listed[static_cast<std::size_t>(n - 1)]);
            else return {Kind::NotFound, {}, {}, "number " + std::to_string(n) + " on the list"};
        }
        return found(ids);
    }
    if (is_cue(Cue::Pronoun, words, 0, words.size()) && context.last_task_id)
        return found({*context.last_task_id});
    if (is_cue(Cue::Pronoun, words, 0, words.size())) return {};
    if ((is_cue(Cue::ListRef, words, 0, words.size()) || words == Words{"all"}) && !listed.empty())
        return found(listed);
    if (is_cue(Cue::Both, words, 0, words.size()) && listed.size() == 2) return found(listed);
    auto pick = [&](auto keep) {
        std::vector<std::int64_t> ids;
        for (const auto& task : context.tasks.all())
            if (keep(task)) ids.push_back(task.id);
        Resolution r = found(ids);
        if (ids.empty()) {
            r.kind = Kind::NotFound;
            r.phrase = "any such tasks";
        }
        return r;
    };
    Words bare = raw;
    while (!bare.empty() && (bare.back() == "." || bare.back() == "!")) bare.pop_back();
    if (is_cue(Cue::CompletedSet, bare, 0, bare.size()) || is_cue(Cue::CompletedSet, words, 0, words.size()))
        return pick([](const Task& t) { return t.completed; });
    if (is_cue(Cue::AllTasks, words, 0, words.size()) || is_cue(Cue::AllTasks, bare, 0, bare.size())) {
        if (preference == Preference::Pending) return pick([](const Task& t) { return !t.completed; });
        if (preference == Preference::Completed) return pick([](const Task& t) { return t.completed; });
        return pick([](const Task&) { return true; });
    }
    return by_title(words, context, preference, pool);
}

}  // namespace

const Task* task_by_id(const Context& context, std::int64_t id) {
    return context.tasks.find(id);
}

std::string task_label(const Task& task) {
    return "#" + std::to_string(task.id) + " \u201C" + task.title + "\u201D";
}

namespace {
// A task named by number must exist, or the user hears so; every frame relies on that and
// dereferences what task_by_id gives for a found id ("mark task 1 and task 99 done" crashed the
// server when the several-tasks path skipped this; fuzz_intent found it).
Resolution every_id_exists(Resolution r, const Context& context) {
    if (r.kind != Kind::Found) return r;
    for (auto id : r.ids)
        if (!task_by_id(context, id)) return {Kind::NotFound, {}, {}, "task " + std::to_string(id)};
    return r;
}
}  // namespace

Resolution resolve(Tokens phrase, const Context& context, Preference preference,
                   const std::vector<std::int64_t>& pool) {
    Words words;
    for (const auto& t : phrase) {
        if (!t.quoted) {
            words.push_back(t.low);
            continue;
        }
        for (const auto& inner : tokenize(t.text)) words.push_back(inner.low);
    }
    // "buy milk and the laundry": several references, when every part names a task alone.
    std::vector<Words> parts(1);
    for (const auto& w : words) {
        if (w == "and" || w == "," || w == "&" || w == "plus") parts.emplace_back();
        else parts.back().push_back(w);
    }
    if (parts.size() > 1) {
        std::vector<std::int64_t> ids;
        bool all = true;
        for (const auto& part : parts) {
            if (trimmed(part).empty()) continue;
            auto r = resolve_one(part, context, preference, pool);
            if (r.kind != Kind::Found) { all = false; break; }
            for (auto id : r.ids)
                if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        }
        if (all && ids.size() > 1) return every_id_exists(found(ids), context);
    }
    auto r = every_id_exists(resolve_one(words, context, preference, pool), context);
    if (r.kind == Kind::NotFound && r.phrase.empty()) r.phrase = "that task";
    return r;
}

Plan not_resolved(const Resolution& r, const Context& context, std::string_view missing,
                  std::optional<ToolCall> choice) {
    if (r.kind == Kind::Ambiguous) {
        std::string text = "I found more than one task like that. Which one do you mean: ";
        Plan plan;
        for (std::size_t i = 0; i < r.candidates.size(); ++i) {
            if (i > 0) text += i + 1 == r.candidates.size() ? " or " : ", ";
            text += task_label(*r.candidates[i]);
            plan.candidates.push_back(r.candidates[i]->id);
        }
        plan.reply = text + "?";
        plan.choice = std::move(choice);
        return plan;
    }
    if (r.kind == Kind::NotFound) {
        bool quoted_phrase = r.phrase.rfind("task ", 0) == 0 || r.phrase.rfind("any ", 0) == 0 ||
                             r.phrase.rfind("number ", 0) == 0 || r.phrase == "that task";
        std::string text = "I couldn't find " +
                           (quoted_phrase ? r.phrase : "a task matching \u201C" + r.phrase + "\u201D") + ".";
        std::vector<const Task*> open;
        for (const auto& task : context.tasks.all())
            if (!task.completed) open.push_back(&task);
        if (open.empty()) return reply(text + " You have no open tasks right now.");
        text += " Your open tasks are: ";
        for (std::size_t i = 0; i < open.size() && i < 5; ++i) text += (i ? ", " : "") + task_label(*open[i]);
        if (open.size() > 5) text += ", \u2026";
        return reply(text + ".");
    }
    return reply(std::string(missing));
}

}  // namespace todo::assistant::frames
