#include "chatbot/assistant/intent.hpp"

#include <algorithm>
#include <array>
#include <regex>

#include "chatbot/assistant/intent_rules.hpp"
#include "chatbot/assistant/phrasing.hpp"
#include "chatbot/domain/validation.hpp"

namespace todo::assistant {
namespace rules {
namespace {

const std::string kExamples =
    "\u201CAdd a task to buy groceries\u201D, \u201CWhat's pending?\u201D, \u201CMark task 3 as "
    "done\u201D or \u201CDelete the meeting task\u201D";

const std::string kHelp =
    "I keep your to-do list. I can add tasks (with a priority, a due date or #tags), show what's "
    "pending or done, mark tasks complete, reopen, rename or reschedule them, and delete them. "
    "Try " + kExamples + ".";

bool one_of(std::string_view word, std::initializer_list<std::string_view> set) {
    return std::find(set.begin(), set.end(), word) != set.end();
}

std::string joined_words(std::string_view text) {
    std::string joined;
    for (const auto& w : words_of(text)) joined += (joined.empty() ? "" : " ") + w;
    return joined;
}

// Words that can make up a whole list request ("my open tasks", "pending").
bool is_list_word(std::string_view w) {
    return one_of(w, {"my", "all", "tasks", "task", "todos", "todo", "to-do", "list", "pending",
                      "open", "completed", "finished", "done", "the", "of", "items", "everything",
                      "outstanding", "remaining", "current", "incomplete", "unfinished", "high",
                      "low", "medium", "priority", "urgent", "important", "ones", "to", "do",
                      "things", "stuff", "agenda", "and", "please"});
}

std::string clean_search(std::string_view text) {
    auto words = words_of(text);
    while (!words.empty() && one_of(words.front(), {"for", "the", "my", "a", "an", "about",
                                                    "tasks", "task", "with", "containing",
                                                    "called", "named", "any", "all"}))
        words.erase(words.begin());
    while (!words.empty() && one_of(words.back(), {"tasks", "task", "todos", "todo", "items",
                                                   "item", "in", "it", "them", "please"}))
        words.pop_back();
    std::string term;
    for (const auto& w : words) term += (term.empty() ? "" : " ") + w;
    if (auto inner = unquote(term)) term = *inner;
    return term;
}

}  // namespace

Said::Said(std::string original) : text(std::move(original)), low(lower_ascii(text)) {}

bool Said::drop_prefix(std::string_view prefix) {
    if (!starts_with_phrase(low, prefix)) return false;
    std::size_t end = prefix.size();
    while (end < low.size() && (low[end] == ' ' || low[end] == ',')) ++end;
    text.erase(0, end);
    low.erase(0, end);
    return true;
}

Said Said::from(std::size_t pos) const { return Said(trim(text.substr(std::min(pos, text.size())))); }

Intent reply(std::string text) { return Intent{std::nullopt, std::move(text)}; }

Intent call(std::string name, nlohmann::json arguments) {
    return Intent{ToolCall{std::move(name), std::move(arguments)}, {}};
}

std::optional<Intent> small_talk(const Said& said) {
    auto words = words_of(said.low);
    auto joined = joined_words(said.low);
    if (joined.empty() || one_of(joined, {"help", "help me", "help please", "commands", "options",
                                          "menu", "what can you do", "what do you do",
                                          "how does this work", "how do i use this", "what are you",
                                          "who are you", "what can i say", "what can i ask",
                                          "what can i do", "how do you work", "what is this",
                                          "what can you help with", "what can you help me with",
                                          "how can you help", "how can you help me"}))
        return reply(kHelp);
    if (one_of(joined, {"thanks", "thank you", "thanks a lot", "thank you so much", "thx", "ty",
                        "cheers", "great", "awesome", "cool", "ok", "okay", "nice", "perfect",
                        "great thanks", "ok thanks", "okay thanks", "thanks so much", "got it"}))
        return reply("You're welcome! Anything else on your list?");
    if (one_of(joined, {"bye", "goodbye", "see you", "see ya", "good night", "later", "bye bye",
                        "cya", "see you later"}))
        return reply("Bye for now! Your tasks will be right here when you come back.");
    if (one_of(joined, {"how are you", "how's it going", "hows it going", "how are you doing",
                        "what's up", "whats up", "sup"}))
        return reply("All good here, thanks! What can I do for your to-do list? Try " + kExamples +
                     ".");
    bool greeting = !words.empty() && words.size() <= 4 &&
                    one_of(words[0], {"hi", "hello", "hey", "hiya", "howdy", "yo", "heya",
                                      "greetings", "morning", "evening", "afternoon", "good"});
    if (greeting && words[0] == "good")
        greeting = words.size() >= 2 && one_of(words[1], {"morning", "afternoon", "evening", "day"});
    for (std::size_t i = 1; greeting && i < words.size(); ++i)
        greeting = one_of(words[i], {"there", "you", "assistant", "bot", "buddy", "friend", "again",
                                     "all", "everyone", "morning", "afternoon", "evening", "day",
                                     "helmdeck"});
    if (greeting)
        return reply("Hi there! I can help you manage your to-do list. Try " + kExamples + ".");
    return std::nullopt;
}

std::optional<Intent> list_request(const Said& said) {
    static constexpr std::array<std::string_view, 31> starters = {
        "show", "list", "display", "view", "see", "what", "what's", "whats", "which", "do i have",
        "have i", "how many", "give me", "tell me", "get my", "check my", "find", "search",
        "look up", "look for", "are there", "is there", "did i", "print", "let me see",
        "any", "anything", "where", "fetch", "read", "remind me what"};
    bool starter = std::any_of(starters.begin(), starters.end(),
                               [&](std::string_view s) { return starts_with_phrase(said.low, s); });
    auto words = words_of(said.low);
    // Questions ("what time is it", "tell me a joke") must at least be about the list.
    bool command = std::any_of(words.begin(), words.begin() + std::min<std::size_t>(1, words.size()),
                               [](const std::string& w) {
                                   return one_of(w, {"show", "list", "display", "view", "find",
                                                     "search", "print", "fetch"});
                               });
    bool about_tasks = std::any_of(words.begin(), words.end(), [](const std::string& w) {
        return one_of(w, {"task", "tasks", "todo", "todos", "to-do", "list", "pending", "open",
                          "completed", "complete", "finished", "done", "everything", "outstanding",
                          "remaining", "incomplete", "unfinished", "priority", "urgent", "important",
                          "left", "plate", "due", "agenda", "overdue", "upcoming", "accomplished",
                          "did", "do"});
    });
    if (starter && !command && !about_tasks) return std::nullopt;
    bool only_list_words = !words.empty() && std::all_of(words.begin(), words.end(), is_list_word);
    if (!starter && !only_list_words) return std::nullopt;

    const auto& low = said.low;
    auto has = [&](std::string_view phrase) { return contains_phrase(low, phrase); };
    std::string status = "all";
    if (has("not done") || has("not completed") || has("not finished") || has("incomplete") ||
        has("unfinished") || has("pending") || has("open") || has("outstanding") ||
        has("remaining") || has("left") || (has("to do") && !has("to do list")) ||
        has("need to do") || has("still") || has("undone") || has("active") ||
        has("upcoming") || has("due") || has("overdue") || has("on my plate") || has("next"))
        status = "pending";
    else if (has("completed") || has("complete") || has("done") || has("finished") ||
             has("accomplished") || has("achieved") || has("did i") || has("crossed off") ||
             has("checked off") || has("closed"))
        status = "completed";

    nlohmann::json args{{"status", status}};
    std::string rest = said.text;
    if (auto priority = take_priority(rest)) args["priority"] = std::string(to_string(*priority));
    if (auto tags = take_tags(rest); !tags.empty()) args["tag"] = tags.front();

    // A search term: "find milk", "tasks about the report", "show me the milk task".
    auto rest_low = lower_ascii(rest);
    std::string term;
    for (std::string_view s : {"find", "search for", "search", "look up", "look for"})
        if (starts_with_phrase(rest_low, s)) {
            term = clean_search(rest.substr(s.size()));
            break;
        }
    static const std::regex about(
        R"(\b(?:about|containing|mentioning|matching|related to|called|named|with) (.+)$)");
    static const std::regex the_x_task(R"(\bthe (.+?) (?:task|todo|item)s?\b)");
    std::smatch m;
    if (term.empty() && std::regex_search(rest_low, m, about))
        term = clean_search(rest.substr(static_cast<std::size_t>(m.position(1))));
    if (term.empty() && std::regex_search(rest_low, m, the_x_task)) {
        auto candidate = clean_search(rest.substr(static_cast<std::size_t>(m.position(1)),
                                                  static_cast<std::size_t>(m.length(1))));
        auto candidate_words = words_of(candidate);
        if (!std::all_of(candidate_words.begin(), candidate_words.end(), is_list_word))
            term = candidate;
    }
    if (!term.empty()) {
        auto term_words = words_of(term);
        if (!std::all_of(term_words.begin(), term_words.end(), is_list_word))
            args["search"] = term;
    }
    return call("list_tasks", args);
}

std::optional<Intent> add_request(const Said& said, const Context& context, bool implicit) {
    static constexpr std::array<std::string_view, 36> starters = {
        "i need to remember to", "i have to remember to", "need to remember to",
        "remember that i need to", "don't let me forget to", "dont let me forget to",
        "don't let me forget", "don't forget to", "dont forget to", "remind me to", "remind me",
        "remember to", "make a new task", "make a task", "make a todo", "make a note to",
        "set a reminder to", "set a reminder", "create a reminder to", "note to self",
        "add a new task", "add new task", "add", "create", "new task", "new todo", "new to-do",
        "new item", "new reminder", "todo:", "to-do:", "task:", "schedule", "jot down",
        "write down", "note down"};
    Said rest = said;
    bool matched = implicit;
    for (auto starter : starters) {
        if (rest.drop_prefix(starter)) {
            matched = true;
            break;
        }
    }
    if (!matched && starts_with_phrase(said.low, "put") &&
        (contains_phrase(said.low, "list") || contains_phrase(said.low, "todo"))) {
        rest.drop_prefix("put");
        matched = true;
    }
    if (!matched) return std::nullopt;

    std::string text = rest.text;
    nlohmann::json args = nlohmann::json::object();
    auto description = take_description(text);
    auto tags = take_tags(text);
    auto priority = take_priority(text);
    auto due = take_due_date(text, context.today);
    auto title = clean_title(text);
    if (one_of(lower_ascii(title), {"task", "todo", "to-do", "item", "reminder", "something",
                                    "new task", "a task", "note"}))
        title.clear();
    if (title.empty() || utf8_length(title) > kMaxTitleChars)
        return reply(title.empty()
                         ? "What should the task say? For example: \u201CAdd a task to buy "
                           "groceries\u201D."
                         : "That title is a bit long; task titles can be up to 200 characters.");
    args["title"] = title;
    if (description) args["description"] = *description;
    if (priority) args["priority"] = std::string(to_string(*priority));
    if (due) args["due_date"] = *due;
    if (!tags.empty()) args["tags"] = tags;
    return call("add_task", args);
}

}  // namespace rules

Intent interpret(std::string_view raw, const Context& context) {
    using namespace rules;
    auto normalized = normalize_message(raw);
    while (!normalized.empty() && std::string_view(".!?").find(normalized.back()) != std::string_view::npos)
        normalized.pop_back();
    Said said(trim(normalized));
    if (auto talk = small_talk(said)) return *talk;

    // Politeness and filler carry no meaning for the rules below.
    static constexpr std::array<std::string_view, 36> polite = {
        "please", "pls", "plz", "can you", "could you", "would you", "will you", "can u",
        "could u", "kindly", "hey", "hi", "hello", "ok", "okay", "so", "and", "also", "now",
        "then", "oh", "um", "uh", "well", "i want to", "i'd like to", "i would like to",
        "i wanna", "let's", "lets", "go ahead and", "just", "help me", "i want you to",
        "i need you to", "can i"};
    for (bool dropped = true; dropped;) {
        dropped = false;
        for (auto prefix : polite) dropped = said.drop_prefix(prefix) || dropped;
    }
    if (said.empty()) return reply(kHelp);
    if (auto talk = small_talk(said)) return *talk;

    // "I need to …" is a new task unless what follows is an instruction to us.
    for (std::string_view prefix : {"i need to", "i have to", "i've got to", "i got to", "i must",
                                    "i should", "i gotta", "need to", "have to", "gotta"}) {
        if (!starts_with_phrase(said.low, prefix)) continue;
        Said rest = said.from(prefix.size());
        auto first = words_of(rest.low);
        bool instruction =
            !first.empty() && one_of(first[0], {"delete", "remove", "mark", "rename", "change",
                                                "update", "edit", "set", "show", "list", "see",
                                                "view", "add", "create", "reopen", "move",
                                                "reschedule", "postpone", "know", "find",
                                                "remember", "complete"});
        if (first.size() >= 2 && first[0] == "complete" && first[1] != "task") instruction = false;
        if (!instruction) return add_request(rest, context, true).value_or(reply(kHelp));
        said = rest;
        break;
    }

    if (auto intent = list_request(said)) return *intent;
    if (auto intent = reopen_request(said, context)) return *intent;
    if (auto intent = delete_request(said, context)) return *intent;
    if (auto intent = update_request(said, context)) return *intent;
    if (auto intent = complete_request(said, context)) return *intent;
    if (auto intent = add_request(said, context, false)) return *intent;
    return reply("Sorry, I didn't quite get that. You can say things like " + kExamples + ".");
}

}  // namespace todo::assistant
