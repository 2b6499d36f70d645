#include "chatbot/assistant/vocabulary.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

namespace todo::assistant {
namespace {

struct Entry {
    Cue cue;
    std::string_view phrases;  // "|"-separated; words separated by spaces
};

// The vocabulary. Punctuation is a word of its own (":", ",", "(").
constexpr std::array kTable = {
    Entry{Cue::LeadIn, "i|we|i've|ive|we've|i have|we have|just|finally|actually|also|ok|okay|"
                       "so|oh|and|then|hey|hi|already|now|i just|i've just|yeah|well|ah"},
    Entry{Cue::Polite, "please|pls|plz|thanks|thank you|thx|ty|for me|could you|can you|can u|"
                       "could u|would you|will you|would you mind|would u|kindly|could you please|"
                       "can you please|for me please|!|.|?|, please|,"},
    Entry{Cue::Stop, "the|a|an|my|our|to|of|for|on|in|at|with|and|task|tasks|todo|todos|to-do|"
                     "item|items|one|ones|please|from|about|that|this|by|is|was|are|it|just|"
                     "off|out|up|list|thing|entry|reminder|also|so|i|we|me|as|now|all|again|yet|"
                     "called|named|titled|number|no|id|,|:|-|(|)|!|?|.|actually|finally|"
                     "already|anymore|any|more|really|some|today|yesterday|be|been|has|have|"
                     "had|do|did|done|your|their|his|her|its|you|u|which|back"},
    Entry{Cue::TaskNoun, "task|tasks|todo|todos|to-do|to do|reminder|item|items|note|entry|thing|"
                         "new task|new todo|new one"},
    Entry{Cue::TitleLead, "to|called|named|titled|that says|saying|:|-|for|about|of"},
    Entry{Cue::ListTail, "to my list|to the list|on my list|on the list|onto my list|to list|"
                         "to my todo list|on my todo list|to my to-do list|on my to-do list|"
                         "to the todo list|to my todos|to my tasks|to my task list|"
                         "to my shopping list|on my shopping list|to the shopping list|"
                         "as a task|as a todo|as a new task|as a reminder|to my to do list|"
                         "to tasks|to todo|to the to-do list"},
    Entry{Cue::AddVerb, "add|ad|adding|put|create|make a task|make a new task|make a todo|"
                        "new task|new todo|new to-do|todo|to-do|to do|remind me to|remind me|"
                        "remember to|note to self|need to|i need to|have to|i have to|"
                        "i need to remember to|i have to remember to|need to remember to|"
                        "got to|gotta|must|should|i must|i should|don't let me forget to|"
                        "dont let me forget to|don't let me forget|don't forget to|"
                        "dont forget to|remember|jot down|write down|note down|add in|"
                        "i want to|want to|i'd like to|need to remember to|schedule a task|"
                        "create a new task|set a reminder to|set a reminder|add new"},
    Entry{Cue::CompleteVerb, "complete|finish|finished|done with|finished with|check off|"
                             "tick off|cross off|checked off|ticked off|crossed off|close|"
                             "i'm done with|im done with|am done with|took care of|"
                             "taken care of|completed|wrapped up|wrap up|knock out|knocked out|"
                             "tick|check"},
    Entry{Cue::MarkVerb, "mark|set|flag|tick|check|put|mark off"},
    Entry{Cue::ReopenVerb, "reopen|re-open|uncheck|unmark|uncomplete|un-complete|undo|"
                           "undo completing|undo the completion of|didn't|did not|didnt|"
                           "haven't|have not|havent|didn't actually|did not actually|restore|"
                           "unfinish|untick|un-tick|revive|bring back"},
    Entry{Cue::DeleteVerb, "delete|del|remove|erase|cancel|drop|get rid of|forget about|"
                           "forget|scratch|scrap|ditch|trash|discard|clear|clear out|nuke|"
                           "throw away|throw out|wipe|purge|kill"},
    Entry{Cue::DontNeed, "don't need to|dont need to|do not need to|no longer need to|"
                         "no need to|don't have to|dont have to|needn't"},
    Entry{Cue::TakeOff, "off the list|off my list|off the todo list|off my todo list|"
                        "from the list|from my list|from my todo list|off"},
    Entry{Cue::BackOnList, "back on my list|back on the list|back to my list|back|"
                           "back on my todo list|back to pending|back to open"},
    Entry{Cue::UpdateVerb, "change|update|edit|modify|set|make|adjust|switch|turn"},
    Entry{Cue::RenameVerb, "rename|retitle|reword|call it"},
    Entry{Cue::MoveVerb, "move|reschedule|postpone|push|delay|defer|bump back|push back|"
                         "move back|shift"},
    Entry{Cue::RaiseVerb, "raise|increase|bump|prioritize|prioritise|bump up|escalate"},
    Entry{Cue::LowerVerb, "lower|decrease|deprioritize|deprioritise|reduce|drop the priority of"},
    Entry{Cue::NoteVerb, "add a note to|add note to|add a note on|add a comment to|"
                         "add a description to|add details to|note on|annotate"},
    Entry{Cue::ListVerb, "show|show me|list|display|view|see|what|what's|whats|what is|"
                         "what are|which|how many|find|search|search for|look for|"
                         "look up|anything|any|do i have|give me|tell me|get me|let me see|"
                         "todo list|to-do list|print|where are|what do|what have|what did|"
                         "lst|view my"},
    Entry{Cue::DoneWord, "done|complete|completed|finished|checked|ticked|sorted|handled|"
                         "taken care of|dealt with|over|is done|are done|is finished|"
                         "is complete|is completed|are finished|as done|as complete|"
                         "as completed|as finished|to done|to complete|to completed|off|"
                         "all done|now done|has been done|was done|got done|crossed off|"
                         "checked off|ticked off|all set|finito|dne|doen"},
    Entry{Cue::NotDone, "not done|not complete|not completed|not finished|incomplete|"
                        "undone|unfinished|isn't done|isn't finished|isn't complete|"
                        "is not done|is not finished|wasn't done|as not done|as incomplete|"
                        "as undone|as pending|as open|as todo|as not complete|as unfinished|"
                        "not done yet|isn't done yet|as not finished|to pending|to open|"
                        "to not done|to incomplete|pending|open|isnt done|not yet done"},
    Entry{Cue::High, "high priority|high-priority|high prio|priority high|top priority|"
                     "urgent|important|asap|critical|high|priority: high|very important|"
                     "super important|it's important|its important|it's urgent|its urgent|"
                     "this is urgent|this is important|pressing|a priority|top"},
    Entry{Cue::Medium, "medium priority|medium-priority|normal priority|priority medium|"
                       "medium|normal|priority: medium|regular priority|mid priority"},
    Entry{Cue::Low, "low priority|low-priority|priority low|low prio|not urgent|"
                    "not important|unimportant|low|whenever|someday|no rush|priority: low|"
                    "minor"},
    Entry{Cue::PriorityField, "priority|the priority|prio|importance"},
    Entry{Cue::DueField, "due date|the due date|deadline|the deadline|date|the date|due"},
    Entry{Cue::TitleField, "title|the title|name|the name|text|the text|wording"},
    Entry{Cue::DescriptionField, "description|the description|note|the note|notes|details|"
                                 "the details"},
    Entry{Cue::NoDate, "no date|no due date|none|nothing|never|no deadline|null"},
    Entry{Cue::DuePrefix, "by|due|due on|due by|on|before|until|till|for|is due|are due|"
                          "due date|deadline|no later than|by the|on the|due:|, due|"
                          "due by the|at"},
    Entry{Cue::Weekend, "this weekend|the weekend|weekend|over the weekend|on the weekend"},
    Entry{Cue::Pending, "pending|open|left|remaining|outstanding|unfinished|incomplete|"
                        "not done|still|undone|active|current|on my plate|"
                        "need to do|have to do|not finished|uncompleted|not completed"},
    Entry{Cue::Completed, "completed|done|finished|complete|closed|checked off|ticked off|"
                          "crossed off|have i done|i've done|i have done|did i do|i did|"
                          "have i finished|i've finished|have i completed|i finished"},
    Entry{Cue::AllTasks, "all|everything|all tasks|all my tasks|all the tasks|every task|"
                         "all of my tasks|all my todos|the whole list|my whole list|"
                         "all of it|all items|everything on my list|all my stuff|all todos|"
                         "every single task|each task|all of them tasks|my tasks|tasks"},
    Entry{Cue::CompletedSet, "all completed tasks|completed tasks|all completed|all done tasks|"
                             "done tasks|the completed ones|the done ones|the finished ones|"
                             "finished ones|finished tasks|all finished tasks|"
                             "everything i've finished|everything i finished|"
                             "everything i've done|everything that's done|"
                             "everything completed|all the completed ones|the completed tasks|"
                             "the finished tasks|completed ones|done ones|completed|finished|done|the finished|the completed|"
                             "all the done ones|all the finished ones|all finished|"
                             "everything done|the done tasks|my completed tasks|"
                             "my finished tasks|all my completed tasks|all my finished tasks|"
                             "all the completed tasks"},
    Entry{Cue::ListRef, "all of them|them|those|these|them all|all of those|all of these|"
                        "each of them|every one of them|the lot|all those|all these|"
                        "those tasks|these tasks|all three|all 3|all four|all five|each one"},
    Entry{Cue::Both, "both|both of them|the two|both tasks|both of those|the both"},
    Entry{Cue::Pronoun, "it|that|this|that one|this one|that task|this task|the last one i added|"
                        "her|him|the same|same|the task|that too|it too|the new one"},
    Entry{Cue::Yes, "yes|y|yeah|yep|yup|sure|ok|okay|go ahead|do it|confirm|confirmed|"
                    "please do|yes please|sure go ahead|sure, go ahead|yes, go ahead|"
                    "go for it|affirmative|absolutely|of course|correct|right|yes do it|"
                    "yes delete them|yes delete|delete them|do it please|yes, please|"
                    "ok go ahead|ok, go ahead|sounds good|proceed|yes i'm sure|i'm sure"},
    Entry{Cue::No, "no|n|nope|nah|cancel|stop|don't|dont|no thanks|wait no|wait, no|"
                   "never mind|nevermind|not now|no way|abort|keep them|don't do it|"
                   "no, cancel|no don't|no, don't|hold on|wait|forget it|no thank you"},
    Entry{Cue::Greeting, "hi|hello|hey|hiya|howdy|good morning|good afternoon|good evening|"
                         "hello there|hi there|hey there|yo|greetings|morning|sup"},
    Entry{Cue::Thanks, "thanks|thank you|thx|ty|thanks a lot|thank you so much|cheers|"
                       "thanks so much|much appreciated|great thanks|perfect thanks|"
                       "thanks!|awesome thanks|many thanks"},
    Entry{Cue::Help, "help|what can you do|how does this work|what do you do|commands|"
                     "how do i use this|what can i say|who are you|what are you|"
                     "how can you help|what can i do|options|usage"},
    Entry{Cue::HowAreYou, "how are you|how's it going|how are you doing|what's up|whats up|"
                          "how are things|how do you do"},
    Entry{Cue::Ack, "ok|okay|cool|great|nice|awesome|perfect|good|alright|got it|fine|k|"
                    "sounds good|lol|great stuff|wonderful|neat"},
    Entry{Cue::Bye, "bye|goodbye|see you|see ya|later|good night|goodnight|cya"},
    Entry{Cue::SortDue, "by due date|by deadline|by date|ordered by due date|sorted by due date|"
                        "by due|sort by due date|by the due date|by when they're due|"
                        "ordered by deadline|sorted by deadline|by their due date|"
                        "soonest first|earliest first|due soonest first|in due date order|"
                        "by due dates|order by due date"},
    Entry{Cue::SortPriority, "by priority|ordered by priority|sorted by priority|"
                             "most urgent first|most important first|highest priority first|"
                             "by importance|in priority order|order by priority|"
                             "sort by priority|by urgency"},
    Entry{Cue::SortTitle, "by name|by title|alphabetically|alphabetical|a-z|a to z|"
                          "in alphabetical order|sorted by name|sorted by title|"
                          "ordered by name|ordered by title|sort by name|by alphabet"},
    Entry{Cue::SortCreated, "by creation date|by date created|newest first|oldest first|"
                            "in the order i added them|by when i added them|by creation|"
                            "most recent first|latest first"},
    Entry{Cue::DueToday, "today|today's|todays|due today|for today|tonight"},
    Entry{Cue::DueOverdue, "overdue|late|past due|behind|missed|over due|past their due date|"
                           "past deadline|behind schedule|expired"},
    Entry{Cue::DueWeek, "this week|this week's|for this week|the week|week|within a week|"
                        "in the next 7 days|next 7 days|the next seven days|this wk"},
    Entry{Cue::DueWord, "due|due on|due by|due for|coming up|for|on"},
    Entry{Cue::SearchLead, "about|search for|search|find|look for|matching|containing|"
                           "that mention|mentioning|with the word|related to|regarding|"
                           "involving|look up|named|called|titled|like"},
    Entry{Cue::TagLead, "tagged|tagged with|with tag|with the tag|tag|tag it|and tag it|"
                        "with tags|tags|labelled|labeled|label|under|in category|"
                        "and tag it as|tag it as|tagged as"},
    Entry{Cue::DescriptionLead, "with description|with the description|description:|"
                                "with a note|with note|with notes|note:|notes:|details:|"
                                "with details|described as|description"},
    Entry{Cue::CountLead, "how many|count|number of"},
};

constexpr std::array<std::pair<std::string_view, std::string_view>, 88> kIrregular = {{
    {"paid", "pay"},       {"payed", "pay"},     {"took", "take"},     {"taken", "take"},
    {"bought", "buy"},     {"wrote", "write"},   {"written", "write"}, {"sent", "send"},
    {"went", "go"},        {"gone", "go"},       {"did", "do"},        {"done", "do"},
    {"made", "make"},      {"got", "get"},       {"gotten", "get"},    {"ate", "eat"},
    {"brought", "bring"},  {"built", "build"},   {"caught", "catch"},  {"chose", "choose"},
    {"drew", "draw"},      {"drove", "drive"},   {"driven", "drive"},  {"fed", "feed"},
    {"found", "find"},     {"fixed", "fix"},     {"gave", "give"},     {"given", "give"},
    {"had", "have"},       {"heard", "hear"},    {"held", "hold"},     {"kept", "keep"},
    {"left", "leave"},     {"lent", "lend"},     {"lost", "lose"},     {"met", "meet"},
    {"read", "read"},      {"ran", "run"},       {"said", "say"},      {"sold", "sell"},
    {"saw", "see"},        {"seen", "see"},      {"shot", "shoot"},    {"spent", "spend"},
    {"spoke", "speak"},    {"stood", "stand"},   {"swept", "sweep"},   {"taught", "teach"},
    {"told", "tell"},      {"thought", "think"}, {"threw", "throw"},   {"understood", "understand"},
    {"woke", "wake"},      {"wore", "wear"},     {"won", "win"},       {"hung", "hang"},
    {"put", "put"},        {"set", "set"},       {"cut", "cut"},       {"shut", "shut"},
    {"hit", "hit"},        {"let", "let"},       {"rode", "ride"},     {"rang", "ring"},
    {"sang", "sing"},      {"began", "begin"},   {"forgot", "forget"}, {"sat", "sit"},
    {"slept", "sleep"},    {"sent", "send"},     {"emailed", "email"}, {"mailed", "mail"},
    {"called", "call"},    {"booked", "book"},   {"picked", "pick"},   {"washed", "wash"},
    {"cleaned", "clean"},  {"watered", "water"}, {"renewed", "renew"}, {"finished", "finish"},
    {"submitted", "submit"}, {"planned", "plan"}, {"shopped", "shop"}, {"dropped", "drop"},
    {"mopped", "mop"},     {"stopped", "stop"},  {"texted", "text"},   {"tidied", "tidy"},
}};

constexpr std::array<std::pair<std::string_view, int>, 23> kOrdinals = {{
    {"first", 1},  {"1st", 1},    {"second", 2}, {"2nd", 2},    {"third", 3},   {"3rd", 3},
    {"fourth", 4}, {"4th", 4},    {"fifth", 5},  {"5th", 5},    {"sixth", 6},   {"6th", 6},
    {"seventh", 7}, {"7th", 7},   {"eighth", 8}, {"8th", 8},    {"ninth", 9},   {"9th", 9},
    {"tenth", 10}, {"10th", 10},  {"last", -1},  {"final", -1}, {"top", 1},
}};

// Words that end in "ed" but are no past tense.
constexpr std::array<std::string_view, 16> kNotPast = {
    "need", "feed", "seed", "bed", "red", "shed", "speed", "bleed", "embed", "proceed",
    "succeed", "weed", "breed", "sled", "wed", "exceed"};

using Phrase = std::vector<std::string>;

std::vector<std::string> split(std::string_view text, char by) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find(by, start);
        if (end == std::string_view::npos) end = text.size();
        if (end > start) parts.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

// Splits "," and ":" off their words, as the tokenizer does.
Phrase phrase_words(std::string_view phrase) {
    Phrase words;
    for (auto& word : split(phrase, ' ')) {
        if (word.size() > 1 && (word.back() == ',' || word.back() == ':')) {
            words.push_back(word.substr(0, word.size() - 1));
            words.emplace_back(1, word.back());
        } else {
            words.push_back(word);
        }
    }
    return words;
}

const std::map<Cue, std::vector<Phrase>>& phrases() {
    static const auto table = [] {
        std::map<Cue, std::vector<Phrase>> out;
        for (const auto& entry : kTable)
            for (const auto& phrase : split(entry.phrases, '|'))
                out[entry.cue].push_back(phrase_words(phrase));
        for (auto& [cue, list] : out)
            std::stable_sort(list.begin(), list.end(),
                             [](const Phrase& a, const Phrase& b) { return a.size() > b.size(); });
        return out;
    }();
    return table;
}

bool forgiving(Cue cue) {
    switch (cue) {
        case Cue::AddVerb: case Cue::CompleteVerb: case Cue::ReopenVerb: case Cue::DeleteVerb:
        case Cue::UpdateVerb: case Cue::RenameVerb: case Cue::MoveVerb: case Cue::ListVerb:
        case Cue::TaskNoun: case Cue::MarkVerb: case Cue::RaiseVerb:
        case Cue::LowerVerb: case Cue::SortDue: case Cue::SortPriority: case Cue::SortTitle:
        case Cue::DueOverdue: return true;
        default: return false;
    }
}

// A typo in a known verb: one edit keeping the first letter, or a swap in a 4-letter word, so
// "shwo" is "show" but "that" is not "what".
bool typo_of(std::string_view typed, std::string_view known) {
    if (typed == known) return true;
    if (known.size() == 4 && typed.size() == 4) {
        for (std::size_t i = 0; i + 1 < 4; ++i)
            if (typed[i] == known[i + 1] && typed[i + 1] == known[i] &&
                typed.substr(0, i) == known.substr(0, i) && typed.substr(i + 2) == known.substr(i + 2))
                return true;
        return false;
    }
    return known.size() >= 5 && typed.size() >= 4 && typed[0] == known[0] &&
           edit_distance(typed, known) <= 1;
}

}  // namespace

int edit_distance(std::string_view a, std::string_view b) {
    if (a.size() > b.size() + 2 || b.size() > a.size() + 2) return 3;
    std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

bool near_word(std::string_view typed, std::string_view known) {
    if (typed == known) return true;
    if (typed.size() < 4 || known.size() < 4) return false;
    return edit_distance(typed, known) <= 1;
}

std::size_t match_cue(Cue cue, const Words& words, std::size_t pos) {
    const auto& table = phrases();
    auto found = table.find(cue);
    if (found == table.end()) return 0;
    bool typos = forgiving(cue);
    for (const auto& phrase : found->second) {
        if (pos + phrase.size() > words.size()) continue;
        bool ok = true;
        for (std::size_t i = 0; i < phrase.size() && ok; ++i)
            ok = typos ? typo_of(words[pos + i], phrase[i]) : words[pos + i] == phrase[i];
        if (ok) return phrase.size();
    }
    return 0;
}

bool is_cue(Cue cue, const Words& words, std::size_t begin, std::size_t end) {
    const auto& table = phrases();
    auto found = table.find(cue);
    if (found == table.end() || end <= begin) return false;
    for (const auto& phrase : found->second)
        if (phrase.size() == end - begin &&
            std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<long>(begin)))
            return true;
    return false;
}

bool is_cue_word(Cue cue, std::string_view word) {
    Words words{std::string(word)};
    return is_cue(cue, words, 0, 1);
}

bool is_past_tense(std::string_view word) {
    for (const auto& [past, base] : kIrregular)
        if (word == past) return past != base && word != "done" && word != "read";
    if (word.size() < 5 || !word.ends_with("ed")) return false;
    return std::find(kNotPast.begin(), kNotPast.end(), word) == kNotPast.end();
}

std::string lemma(std::string_view word) {
    for (const auto& [past, base] : kIrregular)
        if (word == past) return std::string(base);
    std::string w(word);
    auto undouble = [](std::string s) {
        if (s.size() >= 3 && s[s.size() - 1] == s[s.size() - 2] &&
            std::string_view("bdgklmnprt").find(s.back()) != std::string_view::npos &&
            !s.ends_with("ll") && !s.ends_with("ss"))
            s.pop_back();
        return s;
    };
    if (w.size() > 5 && w.ends_with("ing")) return undouble(w.substr(0, w.size() - 3));
    if (w.size() > 4 && w.ends_with("ied")) return w.substr(0, w.size() - 3) + "y";
    if (w.size() >= 5 && w.ends_with("ed") &&
        std::find(kNotPast.begin(), kNotPast.end(), w) == kNotPast.end()) {
        auto base = w.substr(0, w.size() - 2);
        if (base.ends_with("e") || base.ends_with("at") || base.ends_with("iz") ||
            base.ends_with("v") || base.ends_with("us") || base.ends_with("rg"))
            return base.ends_with("e") ? base : base + "e";
        return undouble(base);
    }
    if (w.size() > 4 && w.ends_with("ies")) return w.substr(0, w.size() - 3) + "y";
    if (w.size() > 3 && w.ends_with("s") && !w.ends_with("ss") && !w.ends_with("us") &&
        !w.ends_with("is"))
        return w.substr(0, w.size() - 1);
    return w;
}

std::optional<int> ordinal(std::string_view word) {
    for (const auto& [name, n] : kOrdinals)
        if (word == name) return n;
    return std::nullopt;
}

}  // namespace todo::assistant
