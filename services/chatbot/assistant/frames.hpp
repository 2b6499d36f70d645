#pragma once
// Internal to the frame parser: the slot fillers and frames that parse_message() dispatches to.

#include <optional>
#include <string>

#include "chatbot/assistant/frame_parser.hpp"
#include "chatbot/assistant/task_matching.hpp"
#include "chatbot/assistant/text.hpp"
#include "chatbot/assistant/vocabulary.hpp"

namespace todo::assistant::frames {

Plan reply(std::string text);
ToolCall call(std::string name, nlohmann::json arguments);

/// How long the `cue` phrase is that ends exactly at `end` (0 when none does).
std::size_t cue_ending_at(Cue cue, const Tokens& tokens, std::size_t end);
/// Removes cue phrases at either end of `tokens`, as long as any is found.
void strip_edges(Tokens& tokens, std::initializer_list<Cue> cues);

/// What the cue words of a message said, once consumed.
struct Cues {
    std::optional<Priority> priority;
    std::optional<std::string> due_date;
    std::vector<std::string> tags;
    std::optional<std::string> description;
};

/// Consumes priority, due date, tag and description cues where they stand in `tokens`.
Cues take_cues(Tokens& tokens, const Context& context);
/// The whole of `tokens` as a priority ("urgent", "high priority").
std::optional<Priority> priority_value(const Tokens& tokens);
/// The whole of `tokens` as a date, with an optional "due"/"by" before it.
std::optional<std::string> date_value(const Tokens& tokens, const Context& context);

Plan add_frame(Tokens rest, const Context& context, std::optional<Priority> lead_priority);
Plan list_frame(Tokens rest, const Context& context, bool searching);
/// True when every word is one a list request is made of ("my open tasks", "overdue").
bool list_only(const Tokens& tokens);

/// What a reference phrase points at.
struct Resolution {
    enum class Kind { Found, Ambiguous, NotFound, Missing };
    Kind kind = Kind::Missing;
    std::vector<std::int64_t> ids;      ///< Found: the tasks, in the order named
    std::vector<const Task*> candidates;  ///< Ambiguous
    std::string phrase;                 ///< what was asked for, for the question back
};

/// `pool` restricts ordinals and titles to these ids (the candidates of a question back);
/// empty means the last list shown for ordinals and every task for titles.
Resolution resolve(Tokens phrase, const Context& context, Preference preference,
                   const std::vector<std::int64_t>& pool = {});
/// The reply for a reference that is not Found (with `choice`, the call a choice completes).
Plan not_resolved(const Resolution& resolution, const Context& context, std::string_view missing,
                  std::optional<ToolCall> choice);
const Task* task_by_id(const Context& context, std::int64_t id);
std::string task_label(const Task& task);

Plan complete_frame(Tokens ref, const Context& context);
Plan reopen_frame(Tokens ref, const Context& context);
Plan delete_frame(Tokens ref, const Context& context);
/// `verb` is the cue that opened the request (UpdateVerb, RenameVerb, MoveVerb, RaiseVerb,
/// LowerVerb, MarkVerb, NoteVerb or DueField for "remove the due date of …").
Plan update_frame(Cue verb, Tokens rest, const Context& context);
/// "the milk task is done", "task 2 is due friday", "the report isn't done yet".
std::optional<Plan> statement(const Tokens& tokens, const Context& context);

}  // namespace todo::assistant::frames
