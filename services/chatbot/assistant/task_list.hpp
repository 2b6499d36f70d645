#pragma once
// The tasks a message is read against, fetched as the reading needs them. Most messages
// ("add …", "list …", "task 3 …") need no task or one by its id, and reading every task on
// every chat made a chat's cost grow with the user's list. The fetching is the caller's, so
// the parser still does no I/O of its own.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "chatbot/domain/task.hpp"

namespace todo::assistant {

class TaskList {
public:
    using FetchAll = std::function<std::vector<Task>()>;
    using FetchOne = std::function<std::optional<Task>(std::int64_t id)>;

    TaskList() = default;
    /// Known up front (tests, fuzzing, benchmarks).
    TaskList(std::vector<Task> tasks);  // NOLINT(google-explicit-constructor)
    TaskList(FetchAll fetch_all, FetchOne fetch_one);

    /// Every task, in id order; fetched once.
    const std::vector<Task>& all() const;
    /// One task by id, or nullptr: fetched alone for the first few ids, else looked up among
    /// every task (fetched once). The pointer stays valid as long as the list.
    const Task* find(std::int64_t id) const;
    void push_back(Task task);

private:
    mutable FetchAll fetch_all_;
    FetchOne fetch_one_;
    mutable std::vector<Task> tasks_;
    mutable std::map<std::int64_t, std::optional<Task>> fetched_;
};

}  // namespace todo::assistant
