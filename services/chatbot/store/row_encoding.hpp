#pragma once
// Conversions shared by both backends between domain values and SQL parameters or columns.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chatbot/domain/task.hpp"
#include "chatbot/store/store.hpp"

namespace todo::store {

/// Tags are stored as a JSON array of strings.
std::string encode_tags(const std::vector<std::string>& tags);
std::vector<std::string> decode_tags(std::string_view json);

/// "%needle%" with \, % and _ escaped by a backslash (queries say ESCAPE '\').
std::string contains_pattern(std::string_view needle);

/// The `completed` value a status filter selects, or nullopt for all.
std::optional<bool> completed_for(StatusFilter status);

/// Reports an operation's duration to the observer when it goes out of scope, failed or not.
class QueryTimer {
public:
    QueryTimer(const QueryObserver& observer, std::string_view operation)
        : observer_(observer), operation_(operation), started_(std::chrono::steady_clock::now()) {}
    QueryTimer(const QueryTimer&) = delete;
    QueryTimer& operator=(const QueryTimer&) = delete;
    ~QueryTimer() {
        if (!observer_) return;
        std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started_;
        try {
            observer_(operation_, elapsed.count());
        } catch (...) {
            // A metrics failure must never turn a successful query into an error.
        }
    }

private:
    const QueryObserver& observer_;
    std::string_view operation_;
    std::chrono::steady_clock::time_point started_;
};

}  // namespace todo::store
