// parse_message: small talk, the answer to a question asked last turn, then the frame that
// the leading verb phrase picks, then statements ("the milk task is done").
#include "chatbot/assistant/frame_parser.hpp"

#include <algorithm>

#include "chatbot/assistant/frames.hpp"

namespace todo::assistant {
namespace frames {

Plan reply(std::string text) {
    Plan plan;
    plan.reply = std::move(text);
    return plan;
}

ToolCall call(std::string name, nlohmann::json arguments) {
    return ToolCall{std::move(name), std::move(arguments)};
}

std::size_t cue_ending_at(Cue cue, const Tokens& tokens, std::size_t end) {
    auto words = lows(tokens);
    for (std::size_t k = std::min<std::size_t>(end, 6); k >= 1; --k)
        if (match_cue(cue, words, end - k) == k) return k;
    return 0;
}

void strip_edges(Tokens& tokens, std::initializer_list<Cue> cues) {
    for (bool changed = true; changed && !tokens.empty();) {
        changed = false;
        for (auto cue : cues) {
            auto words = lows(tokens);
            if (auto n = match_cue(cue, words, 0); n && !tokens[0].quoted) {
                tokens.erase(tokens.begin(), tokens.begin() + static_cast<long>(n));
                changed = true;
            } else if (auto m = cue_ending_at(cue, tokens, tokens.size()); m && !tokens.back().quoted) {
                tokens.resize(tokens.size() - m);
                changed = true;
            }
            if (tokens.empty()) return;
        }
    }
}

}  // namespace frames

namespace {

using namespace frames;

const std::string kExamples =
    "\u201CAdd a task to buy groceries\u201D, \u201CWhat's due today?\u201D, \u201CMark task 3 as "
    "done\u201D or \u201CDelete the meeting task\u201D";
const std::string kHelp =
    "I can add tasks (with a priority, a due date or #tags, several at once too), show what's "
    "pending, done or due, mark tasks complete, reopen, rename or reschedule them, and delete "
    "them. Try " + kExamples + ".";

bool whole(Cue cue, const Tokens& tokens) {
    auto words = lows(tokens);
    return is_cue(cue, words, 0, words.size());
}

std::optional<Plan> small_talk(Tokens tokens) {
    while (!tokens.empty() && is_punct(tokens.back())) tokens.pop_back();
    while (!tokens.empty() && is_punct(tokens.front())) tokens.erase(tokens.begin());
    if (tokens.empty()) return reply(kHelp);
    if (whole(Cue::Greeting, tokens)) return reply("Hi there! " + kHelp);
    if (whole(Cue::Thanks, tokens)) return reply("You're welcome! Anything else for your list?");
    if (whole(Cue::Help, tokens)) return reply(kHelp);
    if (whole(Cue::HowAreYou, tokens)) return reply("I'm doing well, thanks! What can I do for your list?");
    if (whole(Cue::Bye, tokens)) return reply("Bye! Your tasks will be here when you're back.");
    if (whole(Cue::Yes, tokens) || whole(Cue::No, tokens) || whole(Cue::Ack, tokens))
        return reply("Alright. Anything else I can do for your list?");
    return std::nullopt;
}

// The frame the leading verb phrase picks, and how many tokens the verb took.
struct Lead {
    Cue verb;
    std::size_t length;
};

std::optional<Lead> leading_verb(const Words& words, std::size_t pos) {
    static constexpr Cue kVerbs[] = {Cue::NoteVerb,   Cue::DontNeed,   Cue::ReopenVerb,
                                     Cue::DeleteVerb, Cue::CompleteVerb, Cue::RenameVerb,
                                     Cue::MoveVerb,   Cue::RaiseVerb,  Cue::LowerVerb,
                                     Cue::AddVerb,    Cue::MarkVerb,   Cue::UpdateVerb,
                                     Cue::ListVerb};
    std::optional<Lead> best;
    for (auto cue : kVerbs)
        if (auto n = match_cue(cue, words, pos); n && (!best || n > best->length)) best = Lead{cue, n};
    return best;
}

bool has_cue(Cue cue, const Words& words, std::size_t from) {
    for (std::size_t i = from; i < words.size(); ++i)
        if (match_cue(cue, words, i)) return true;
    return false;
}

// "what time is it" is no list request; "what's on my list" and "what's due today" are.
bool list_evidence(const Words& words) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        for (auto cue : {Cue::Pending, Cue::Completed, Cue::TaskNoun, Cue::DueOverdue, Cue::DueToday,
                         Cue::DueWeek, Cue::High, Cue::Low, Cue::SortDue, Cue::SortPriority,
                         Cue::SortTitle, Cue::SortCreated, Cue::AllTasks})
            if (match_cue(cue, words, i)) return true;
        const auto& w = words[i];
        if (w == "list" || w == "due" || w == "left" || w == "plate" || w == "tagged" ||
            (w.size() > 1 && w[0] == '#'))
            return true;
    }
    return false;
}

Plan dispatch(const Tokens& all, const Context& context) {
    Tokens tokens = all;
    strip_edges(tokens, {Cue::Polite});
    // "urgent: add …": a priority said before the verb.
    std::optional<Priority> lead_priority;
    {
        auto words = lows(tokens);
        for (auto [cue, p] : {std::pair{Cue::High, Priority::High}, std::pair{Cue::Low, Priority::Low}})
            if (auto n = match_cue(cue, words, 0); n && n < words.size() && words[n] == ":" &&
                                                   n + 1 < words.size() &&
                                                   leading_verb(words, n + 1)) {
                lead_priority = p;
                tokens.erase(tokens.begin(), tokens.begin() + static_cast<long>(n + 1));
            }
    }
    auto words = lows(tokens);
    std::size_t pos = 0;
    while (pos < words.size()) {
        auto lead_in = match_cue(Cue::LeadIn, words, pos);
        auto polite = match_cue(Cue::Polite, words, pos);
        auto n = std::max(lead_in, polite);
        if (!n || pos + n >= words.size()) break;
        // "i need to …" is a verb phrase of its own; stop before it.
        if (auto lead = leading_verb(words, pos); lead && lead->length > n) break;
        pos += n;
    }
    auto rest_after = [&](std::size_t n) { return slice(tokens, pos + n, tokens.size()); };

    if (auto lead = leading_verb(words, pos)) {
        auto rest = rest_after(lead->length);
        auto rest_words = lows(rest);
        switch (lead->verb) {
            case Cue::NoteVerb: return update_frame(Cue::NoteVerb, rest, context);
            case Cue::DontNeed: return delete_frame(rest, context);
            case Cue::ReopenVerb: return reopen_frame(rest, context);
            case Cue::DeleteVerb:
                if (match_cue(Cue::DueField, rest_words, 0)) return update_frame(Cue::DueField, rest, context);
                return delete_frame(rest, context);
            case Cue::CompleteVerb: return complete_frame(rest, context);
            case Cue::RenameVerb: case Cue::MoveVerb: case Cue::RaiseVerb: case Cue::LowerVerb:
                return update_frame(lead->verb, rest, context);
            case Cue::AddVerb:
            case Cue::MarkVerb:
            case Cue::UpdateVerb: {
                bool put = words[pos] == "put";
                if (put && has_cue(Cue::BackOnList, rest_words, 0)) return reopen_frame(rest, context);
                if (lead->verb == Cue::AddVerb && !(put && has_cue(Cue::DoneWord, rest_words, 1)))
                    return add_frame(rest, context, lead_priority);
                if (has_cue(Cue::NotDone, rest_words, 1)) return reopen_frame(rest, context);
                if (auto n = cue_ending_at(Cue::DoneWord, rest, rest.size());
                    n && n < rest.size() && lead->verb != Cue::UpdateVerb)
                    return complete_frame(rest, context);
                if (lead->verb == Cue::MarkVerb && (words[pos] == "check" || words[pos] == "tick"))
                    return complete_frame(rest, context);
                return update_frame(lead->verb, rest, context);
            }
            case Cue::ListVerb: {
                bool searching = words[pos] == "find" || words[pos] == "search" || words[pos] == "look";
                bool plain = searching || words[pos] == "show" || words[pos] == "list" ||
                             words[pos] == "display" || words[pos] == "view" || words[pos] == "lst" ||
                             words[pos] == "print" || words[pos] == "see";
                if (plain || list_evidence(rest_words)) return list_frame(rest, context, searching);
                break;
            }
            default: break;
        }
    }
    // "take 'call grandma' off the list"
    if (pos < words.size() && (words[pos] == "take" || words[pos] == "get" || words[pos] == "cross") &&
        has_cue(Cue::TakeOff, words, pos + 2)) {
        auto rest = rest_after(1);
        if (cue_ending_at(Cue::TakeOff, rest, rest.size()) > 1 ||
            (rest.size() > 1 && rest.back().low == "off"))
            return delete_frame(rest, context);
    }
    // "I paid the electricity bill": a past-tense verb reports a completion.
    if (pos < words.size() && is_past_tense(words[pos])) {
        auto ref = slice(tokens, pos, tokens.size());
        ref[0].low = lemma(words[pos]);
        return complete_frame(ref, context);
    }
    auto said = slice(tokens, pos, tokens.size());
    if (auto plan = statement(said, context)) return *plan;
    if (list_only(said)) return list_frame(said, context, false);
    return reply("Sorry, I didn't quite get that. Try " + kExamples + ".");
}

// The answer to last turn's question: a yes, a no, or the choice among candidates.
std::optional<Plan> answer_to_question(const Tokens& tokens, const Context& context) {
    Context before = context;
    before.pending.reset();
    auto asked = parse_message(*context.pending, before);
    Tokens said = tokens;
    strip_edges(said, {Cue::Polite});
    if (asked.confirm) {
        if (whole(Cue::Yes, said)) {
            asked.confirm = false;
            return asked;
        }
        if (whole(Cue::No, said)) return reply("OK, I left everything as it was.");
        return std::nullopt;
    }
    if (asked.choice && !asked.candidates.empty()) {
        auto words = lows(said);
        if (said.empty() || leading_verb(words, 0)) return std::nullopt;
        if (whole(Cue::No, said)) return reply("OK, I left everything as it was.");
        auto r = resolve(said, context, Preference::None, asked.candidates);
        if (r.kind != Resolution::Kind::Found) return std::nullopt;
        Plan plan;
        for (auto id : r.ids) {
            auto chosen = *asked.choice;
            chosen.arguments["task_id"] = id;
            plan.calls.push_back(std::move(chosen));
        }
        plan.confirm = plan.calls.size() > 1 && asked.choice->name == "delete_task";
        return plan;
    }
    return std::nullopt;
}

}  // namespace

Plan parse_message(std::string_view text, const Context& context) {
    auto tokens = tokenize(normalize_message(text));
    if (context.pending)
        if (auto plan = answer_to_question(tokens, context)) return *plan;
    if (auto plan = small_talk(tokens)) return *plan;
    return dispatch(tokens, context);
}

std::string confirmation_question(const Plan& plan, const Context& context) {
    std::string text = "Delete " + std::to_string(plan.calls.size()) + " tasks: ";
    constexpr std::size_t kNamed = 10;
    for (std::size_t i = 0; i < plan.calls.size() && i < kNamed; ++i) {
        if (i > 0) text += i + 1 == plan.calls.size() ? " and " : ", ";
        auto id = plan.calls[i].arguments.value("task_id", std::int64_t{0});
        const auto* task = task_by_id(context, id);
        text += task ? task_label(*task) : "task " + std::to_string(id);
    }
    if (plan.calls.size() > kNamed) text += " and " + std::to_string(plan.calls.size() - kNamed) + " more";
    return text + "? Say yes to delete them, or no to keep them.";
}

}  // namespace todo::assistant
