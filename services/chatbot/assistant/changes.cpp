// The frames that change existing tasks: complete, reopen, delete and update, and the
// statements that say so ("the milk task is done").
#include <algorithm>

#include "chatbot/assistant/frames.hpp"

namespace todo::assistant::frames {
namespace {

using nlohmann::json;
using Kind = Resolution::Kind;

std::size_t find_word(const Tokens& tokens, std::string_view word, std::size_t from = 0) {
    for (std::size_t i = from; i < tokens.size(); ++i)
        if (tokens[i].low == word) return i;
    return std::string::npos;
}

// Strips "as done", "off", "task" and the like from both ends of a reference.
void strip_done(Tokens& ref) {
    strip_edges(ref, {Cue::Polite, Cue::DoneWord, Cue::CompleteVerb});
    while (!ref.empty() && (ref.back().low == "as" || ref.back().low == "now" ||
                            ref.back().low == "already" || ref.back().low == "-" ||
                            ref.back().low == "off" || ref.back().low == "today" ||
                            ref.back().low == "yesterday" || ref.back().low == "finally"))
        ref.pop_back();
    strip_edges(ref, {Cue::DoneWord, Cue::TakeOff});
}

struct Value {
    enum class Field { Unknown, Title, Priority, Due, Description, Done, NotDone };
    Field field = Field::Unknown;
    json value;
};

// What the words after "to" ask the task to become.
std::optional<Value> value_of(Tokens tokens, Value::Field field, const Context& context,
                              bool title_allowed) {
    using F = Value::Field;
    trim_punct(tokens);
    if (tokens.empty()) return std::nullopt;
    auto words = lows(tokens);
    if (tokens.size() == 1 && tokens[0].quoted) {
        if (field == F::Description) return Value{F::Description, tokens[0].text};
        return Value{F::Title, capitalised(tokens[0].text)};
    }
    if (field == F::Description) return Value{F::Description, join(tokens, 0, tokens.size())};
    if (field == F::Due || field == F::Unknown) {
        if (is_cue(Cue::NoDate, words, 0, words.size())) return Value{F::Due, nullptr};
        if (auto date = date_value(tokens, context)) return Value{F::Due, *date};
        if (field == F::Due) return std::nullopt;
    }
    if (field == F::Priority || field == F::Unknown) {
        if (auto p = priority_value(tokens)) return Value{F::Priority, std::string(to_string(*p))};
        if (field == F::Priority) return std::nullopt;
    }
    if (field == F::Unknown) {
        if (is_cue(Cue::NotDone, words, 0, words.size())) return Value{F::NotDone, false};
        if (is_cue(Cue::DoneWord, words, 0, words.size())) return Value{F::Done, true};
    }
    if (!title_allowed && field == F::Unknown) return std::nullopt;
    return Value{F::Title, capitalised(join(tokens, 0, tokens.size()))};
}

Value::Field field_named(const Words& words, std::size_t pos, std::size_t& length) {
    using F = Value::Field;
    if ((length = match_cue(Cue::PriorityField, words, pos))) return F::Priority;
    if ((length = match_cue(Cue::DueField, words, pos))) return F::Due;
    if ((length = match_cue(Cue::TitleField, words, pos))) return F::Title;
    if ((length = match_cue(Cue::DescriptionField, words, pos))) return F::Description;
    return F::Unknown;
}

Plan with_one(const Tokens& ref, const Context& context, Preference preference,
              std::string_view missing, const std::function<Plan(const Task&)>& make,
              std::optional<ToolCall> choice) {
    auto r = resolve(ref, context, preference);
    if (r.kind != Kind::Found) return not_resolved(r, context, missing, std::move(choice));
    if (r.ids.size() != 1) return reply("Which one of them do you mean? I can change one at a time.");
    return make(*task_by_id(context, r.ids.front()));
}

Plan apply(const Task& task, const Value& v) {
    using F = Value::Field;
    if (v.field == F::Done) {
        if (task.completed) return reply(task_label(task) + " is already marked as done. Nice work!");
        return Plan{{call("complete_task", {{"task_id", task.id}})}, {}, false, {}, {}};
    }
    json args{{"task_id", task.id}};
    switch (v.field) {
        case F::Title: args["title"] = v.value; break;
        case F::Priority: args["priority"] = v.value; break;
        case F::Due: args["due_date"] = v.value; break;
        case F::Description: args["description"] = v.value; break;
        case F::NotDone: args["completed"] = false; break;
        default: return reply("What should I change about " + task_label(task) + "?");
    }
    return Plan{{call("update_task", std::move(args))}, {}, false, {}, {}};
}

}  // namespace

Plan complete_frame(Tokens ref, const Context& context) {
    strip_done(ref);
    auto r = resolve(ref, context, Preference::Pending);
    if (r.kind != Kind::Found)
        return not_resolved(r, context,
                            "Which task did you finish? Tell me its number, like \u201Ctask 3\u201D, "
                            "or part of its title.",
                            call("complete_task", json::object()));
    Plan plan;
    for (auto id : r.ids) {
        const auto* task = task_by_id(context, id);
        if (task->completed) {
            if (r.ids.size() == 1)
                return reply(task_label(*task) + " is already marked as done. Nice work! (Say "
                             "\u201Creopen task " + std::to_string(id) + "\u201D if it isn't "
                             "finished after all.)");
            continue;
        }
        plan.calls.push_back(call("complete_task", {{"task_id", id}}));
    }
    if (plan.calls.empty()) return reply("Those are all done already. Nice work!");
    return plan;
}

Plan reopen_frame(Tokens ref, const Context& context) {
    strip_edges(ref, {Cue::NotDone, Cue::CompleteVerb, Cue::BackOnList, Cue::Polite});
    while (!ref.empty() && (ref.back().low == "yet" || ref.back().low == "as" ||
                            ref.back().low == "after" || ref.back().low == "all"))
        ref.pop_back();
    strip_edges(ref, {Cue::NotDone, Cue::BackOnList});
    auto r = resolve(ref, context, Preference::Completed);
    if (r.kind != Kind::Found)
        return not_resolved(r, context,
                            "Which task should I reopen? Tell me its number, like \u201Ctask 3\u201D.",
                            call("update_task", {{"completed", false}}));
    Plan plan;
    for (auto id : r.ids) {
        const auto* task = task_by_id(context, id);
        if (!task->completed) {
            if (r.ids.size() == 1)
                return reply(task_label(*task) + " is already open, so there's nothing to reopen.");
            continue;
        }
        plan.calls.push_back(call("update_task", {{"task_id", id}, {"completed", false}}));
    }
    return plan;
}

Plan delete_frame(Tokens ref, const Context& context) {
    strip_edges(ref, {Cue::Polite, Cue::TakeOff});
    while (!ref.empty() && (ref.back().low == "anymore" || ref.back().low == "any more"))
        ref.pop_back();
    strip_edges(ref, {Cue::TakeOff});
    auto r = resolve(ref, context, Preference::None);
    if (r.kind != Kind::Found)
        return not_resolved(r, context,
                            "Which task should I delete? Tell me its number, like \u201Ctask 3\u201D.",
                            call("delete_task", json::object()));
    Plan plan;
    for (auto id : r.ids) plan.calls.push_back(call("delete_task", {{"task_id", id}}));
    plan.confirm = plan.calls.size() > 1;
    return plan;
}

Plan update_frame(Cue verb, Tokens rest, const Context& context) {
    using F = Value::Field;
    strip_edges(rest, {Cue::Polite});
    auto words = lows(rest);
    auto missing = "Which task should I change? Tell me its number, like \u201Ctask 3\u201D.";
    auto change = [&](Tokens ref, Value v) {
        return with_one(ref, context, Preference::None, missing,
                        [&](const Task& task) { return apply(task, v); }, std::nullopt);
    };

    if (verb == Cue::NoteVerb) {
        auto colon = find_word(rest, ":");
        if (colon == std::string::npos) colon = find_word(rest, "saying");
        if (colon == std::string::npos) return reply("What should the note say? Try \u201Cadd a note to task 3: …\u201D.");
        Tokens text = slice(rest, colon + 1, rest.size());
        return change(slice(rest, 0, colon), Value{F::Description, join(text, 0, text.size())});
    }
    if (verb == Cue::DueField) {  // "remove the due date from task 2"
        std::size_t n = 0;
        field_named(words, 0, n);
        Tokens ref = slice(rest, n, rest.size());
        while (!ref.empty() && (ref.front().low == "from" || ref.front().low == "of" ||
                                ref.front().low == "on" || ref.front().low == "for"))
            ref.erase(ref.begin());
        return change(ref, Value{F::Due, nullptr});
    }
    if (verb == Cue::RaiseVerb || verb == Cue::LowerVerb) {
        Value v{F::Priority, verb == Cue::RaiseVerb ? "high" : "low"};
        auto to = find_word(rest, "to");
        if (to != std::string::npos) {
            if (auto given = value_of(slice(rest, to + 1, rest.size()), F::Unknown, context, false)) {
                v = *given;
                rest = slice(rest, 0, to);
            }
        }
        words = lows(rest);
        if (auto n = match_cue(Cue::PriorityField, words, 0)) rest = slice(rest, n, rest.size());
        if (auto n = cue_ending_at(Cue::PriorityField, rest, rest.size())) rest.resize(rest.size() - n);
        if (!rest.empty() && rest.back().low == "'s") rest.pop_back();
        return change(rest, v);
    }

    // "the priority of task 5 to low", "task 3's priority to medium"
    F field = verb == Cue::RenameVerb ? F::Title : verb == Cue::MoveVerb ? F::Due : F::Unknown;
    if (std::size_t n = 0; field == F::Unknown) {
        auto named = field_named(words, 0, n);
        if (named != F::Unknown && n < words.size() &&
            (words[n] == "of" || words[n] == "for" || words[n] == "on")) {
            field = named;
            rest = slice(rest, n + 1, rest.size());
        } else {
            for (std::size_t i = 1; i < words.size(); ++i) {
                auto at = field_named(words, i, n);
                if (at == F::Unknown || i + n >= words.size()) continue;
                if (words[i + n] != "to" && words[i + n] != ":" && words[i + n] != "as") continue;
                field = at;
                std::size_t ref_end = i;
                if (ref_end > 0 && words[ref_end - 1] == "'s") --ref_end;
                Tokens joined = slice(rest, 0, ref_end);
                if (!joined.empty() && joined.back().low.ends_with("'s"))
                    joined.back().low.resize(joined.back().low.size() - 2);
                auto tail = slice(rest, i + n, rest.size());
                rest = joined;
                rest.insert(rest.end(), tail.begin(), tail.end());
                break;
            }
        }
        words = lows(rest);
    }

    // "<ref> to <value>": the split whose value reads as one, else the first for a title.
    std::vector<std::size_t> splits;
    for (std::size_t i = 1; i < rest.size(); ++i)
        if (!rest[i].quoted && (rest[i].low == "to" || rest[i].low == "into" || rest[i].low == ":" ||
                                (field == F::Due && (rest[i].low == "until" || rest[i].low == "till" ||
                                                     rest[i].low == "for" || rest[i].low == "on")) ||
                                (field == F::Title && rest[i].low == "as")))
            splits.push_back(i);
    if (field == F::Due) std::reverse(splits.begin(), splits.end());
    for (auto at : splits) {
        auto v = value_of(slice(rest, at + 1, rest.size()), field, context, false);
        if (v) return change(slice(rest, 0, at), *v);
    }
    if (!splits.empty() && (field == F::Unknown || field == F::Title) && verb != Cue::MarkVerb) {
        auto at = splits.front();
        if (auto v = value_of(slice(rest, at + 1, rest.size()), F::Title, context, true))
            return change(slice(rest, 0, at), *v);
    }

    // "make <ref> urgent", "make it due tomorrow", "mark task 1 as urgent"
    for (std::size_t k = std::min<std::size_t>(rest.size(), 5); k >= 1; --k) {
        auto tail = slice(rest, rest.size() - k, rest.size());
        auto v = value_of(tail, field == F::Title ? F::Unknown : field, context, false);
        if (!v) continue;
        Tokens ref = slice(rest, 0, rest.size() - k);
        while (!ref.empty() && (ref.back().low == "as" || ref.back().low == "is" ||
                                ref.back().low == "be" || ref.back().low == "to"))
            ref.pop_back();
        return change(ref, *v);
    }
    if (verb == Cue::MoveVerb) return reply("When should it be due? Try \u201Cmove task 3 to friday\u201D.");
    return reply("What should I change? Try \u201Crename task 2 to …\u201D, \u201Cmake task 2 urgent\u201D "
                 "or \u201Cmove task 2 to friday\u201D.");
}

std::optional<Plan> statement(const Tokens& input, const Context& context) {
    Tokens tokens = input;
    strip_edges(tokens, {Cue::Polite});
    while (!tokens.empty() && (tokens.back().low == "yet" || tokens.back().low == "still" ||
                               tokens.back().low == "now" || tokens.back().low == "already"))
        tokens.pop_back();
    trim_punct(tokens);
    if (tokens.size() < 2) return std::nullopt;
    if (auto n = cue_ending_at(Cue::NotDone, tokens, tokens.size()); n && n < tokens.size()) {
        Tokens ref = slice(tokens, 0, tokens.size() - n);
        return reopen_frame(ref, context);
    }
    if (auto n = cue_ending_at(Cue::DoneWord, tokens, tokens.size());
        n && n < tokens.size() && tokens.back().low != "off") {
        Tokens ref = slice(tokens, 0, tokens.size() - n);
        if (!ref.empty() && ref.back().low == "not") return std::nullopt;
        return complete_frame(ref, context);
    }
    // "<ref> is due friday", "<ref> is urgent"
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        if (tokens[i].low != "is" && tokens[i].low != "are" && tokens[i].low != "'s" &&
            tokens[i].low != "due")
            continue;
        std::size_t from = tokens[i].low == "due" ? i : i + 1;
        while (from < tokens.size() && (tokens[from].low == "now" || tokens[from].low == "really"))
            ++from;
        auto v = value_of(slice(tokens, from, tokens.size()), Value::Field::Unknown, context, false);
        if (!v || (v->field != Value::Field::Due && v->field != Value::Field::Priority)) continue;
        auto r = resolve(slice(tokens, 0, i), context, Preference::None);
        if (r.kind == Kind::Found && r.ids.size() == 1) return apply(*task_by_id(context, r.ids[0]), *v);
        if (r.kind == Kind::Ambiguous) return not_resolved(r, context, "", std::nullopt);
    }
    return std::nullopt;
}

}  // namespace todo::assistant::frames
