#include "chatbot/assistant/task_matching.hpp"

#include <algorithm>

#include "chatbot/assistant/text.hpp"
#include "chatbot/assistant/vocabulary.hpp"

namespace todo::assistant {
namespace {

constexpr double kThreshold = 0.6;  // share of the phrase's words a title must contain
constexpr double kTie = 0.04;       // scores this close are a tie: ask back

// Splits "thank-you" and "mom's" the way a person reads them.
std::vector<std::string> split_words(const std::string& word) {
    std::vector<std::string> parts;
    std::string current;
    for (char c : word) {
        if (c == '-' || c == '/' || c == '#') {
            if (!current.empty()) parts.push_back(current);
            current.clear();
        } else {
            current.push_back(c);
        }
    }
    if (!current.empty()) parts.push_back(current);
    for (auto& part : parts)
        if (part.size() > 2 && part.ends_with("'s")) part.resize(part.size() - 2);
    return parts;
}

double word_score(const std::string& wanted, const std::vector<std::string>& have) {
    double best = 0;
    for (const auto& w : have) {
        if (w == wanted) return 1.0;
        if (near_word(wanted, w)) best = std::max(best, 0.85);
        else if (wanted.size() >= 4 && w.size() >= 4 &&
                 (w.starts_with(wanted) || wanted.starts_with(w)))
            best = std::max(best, 0.75);
    }
    return best;
}

}  // namespace

std::vector<std::string> key_words(const std::vector<std::string>& words) {
    std::vector<std::string> out;
    for (const auto& word : words)
        for (const auto& part : split_words(word)) {
            if (is_cue_word(Cue::Stop, part)) continue;
            out.push_back(lemma(part));
        }
    return out;
}

TitleMatch match_title(const std::vector<std::string>& words, const std::vector<Task>& tasks,
                       Preference preference) {
    TitleMatch match;
    auto wanted = key_words(words);
    if (wanted.empty()) return match;
    struct Scored {
        const Task* task;
        double score;
    };
    std::vector<Scored> scored;
    for (const auto& task : tasks) {
        std::vector<std::string> title_words;
        for (const auto& token : tokenize(task.title)) title_words.push_back(token.low);
        auto have = key_words(title_words);
        if (have.empty()) continue;
        double sum = 0;
        for (const auto& w : wanted) sum += word_score(w, have);
        double share = sum / static_cast<double>(wanted.size());
        if (share < kThreshold) continue;
        // Among titles that contain the phrase, the one the phrase covers best wins.
        std::size_t covered = 0;
        for (const auto& h : have)
            if (word_score(h, wanted) > 0) ++covered;
        double coverage = static_cast<double>(covered) / static_cast<double>(have.size());
        scored.push_back({&task, share + 0.2 * coverage});
    }
    if (scored.empty()) return match;
    if (preference != Preference::None) {
        bool want_done = preference == Preference::Completed;
        std::vector<Scored> preferred;
        for (const auto& s : scored)
            if (s.task->completed == want_done) preferred.push_back(s);
        if (!preferred.empty()) scored = std::move(preferred);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const Scored& a, const Scored& b) { return a.score > b.score; });
    match.score = scored.front().score;
    for (const auto& s : scored)
        if (match.score - s.score <= kTie) match.best.push_back(s.task);
    return match;
}

}  // namespace todo::assistant
