#pragma once
// Scores how well a phrase names each task: lemma-insensitive, stop-word-insensitive word
// overlap, forgiving one typo per word of 4+ letters.

#include <string>
#include <vector>

#include "chatbot/domain/task.hpp"

namespace todo::assistant {

/// Which tasks to prefer when several match equally (completing prefers open ones).
enum class Preference { None, Pending, Completed };

struct TitleMatch {
    std::vector<const Task*> best;  ///< one task, several (ambiguous), or none
    double score = 0;
};

/// The significant words of a phrase or title, in base form ("the tickets" -> {"ticket"}).
std::vector<std::string> key_words(const std::vector<std::string>& words);

/// The tasks that `words` name best. Several come back when their scores tie.
TitleMatch match_title(const std::vector<std::string>& words, const std::vector<Task>& tasks,
                       Preference preference);

}  // namespace todo::assistant
