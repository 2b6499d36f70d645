#pragma once
// Every word the built-in engine knows, in one table: what a phrase means (a cue) is looked up
// here and nowhere else. The frame parser asks "does a <cue> phrase start at this token?".

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace todo::assistant {

enum class Cue {
    LeadIn,        ///< "i", "just", "actually": skipped before the verb
    Polite,        ///< "please", "could you": dropped at either end
    Stop,          ///< words that never decide which task is meant
    TaskNoun,      ///< "task", "todo", "reminder"
    TitleLead,     ///< "called", "to", "that says": between a task noun and the title
    ListTail,      ///< "to my list", "as a task": trailing words of an add
    AddVerb, CompleteVerb, ReopenVerb, DeleteVerb, UpdateVerb, RenameVerb, MoveVerb,
    RaiseVerb, LowerVerb, NoteVerb, ListVerb, MarkVerb, DontNeed, TakeOff, BackOnList,
    DoneWord,      ///< "done", "finished": a completion at the end of a sentence
    NotDone,       ///< "not done", "incomplete", "isn't done"
    High, Medium, Low,
    PriorityField, DueField, TitleField, DescriptionField,
    NoDate,        ///< "no due date", "none"
    DuePrefix,     ///< "by", "due", "on": a date follows
    Weekend,
    Pending, Completed,  ///< status words in a list request
    AllTasks,      ///< "all", "everything", "all my tasks"
    CompletedSet,  ///< "all completed tasks", "the finished ones"
    ListRef,       ///< "all of them", "them", "those": the last list shown
    Both,
    Pronoun,       ///< "it", "that": the task the conversation last touched
    Yes, No,
    Greeting, Thanks, Help, HowAreYou, Ack, Bye,
    SortDue, SortPriority, SortTitle, SortCreated,
    DueToday, DueOverdue, DueWeek, DueWord,
    SearchLead, TagLead, DescriptionLead, CountLead,
};

/// Tokens a cue phrase is matched against: lowercase words, punctuation as its own token.
using Words = std::vector<std::string>;

/// How many tokens of `words` from `pos` a phrase of `cue` covers (the longest), or 0.
/// Verb cues forgive one typo in a word of 4+ letters ("delte", "compelte").
std::size_t match_cue(Cue cue, const Words& words, std::size_t pos);
/// True when the whole of `words[begin, end)` is one phrase of `cue`.
bool is_cue(Cue cue, const Words& words, std::size_t begin, std::size_t end);
bool is_cue_word(Cue cue, std::string_view word);

/// The base form: "paid" -> "pay", "bought" -> "buy", "emailed" -> "email", "tickets" ->
/// "ticket", "paying" -> "pay". Words it does not know come back unchanged.
std::string lemma(std::string_view word);
/// True when `word` is a past-tense verb form ("paid", "emailed", "went").
bool is_past_tense(std::string_view word);

/// "first" -> 1, "3rd" -> 3, "last" -> -1.
std::optional<int> ordinal(std::string_view word);

/// Damerau (optimal string alignment) distance capped at 2.
int edit_distance(std::string_view a, std::string_view b);
/// Equal, or one edit apart when both have 4+ letters.
bool near_word(std::string_view typed, std::string_view known);

}  // namespace todo::assistant
