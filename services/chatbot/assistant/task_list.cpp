#include "chatbot/assistant/task_list.hpp"

#include <algorithm>

namespace todo::assistant {

TaskList::TaskList(std::vector<Task> tasks) : tasks_(std::move(tasks)) {}

TaskList::TaskList(FetchAll fetch_all, FetchOne fetch_one)
    : fetch_all_(std::move(fetch_all)), fetch_one_(std::move(fetch_one)) {}

const std::vector<Task>& TaskList::all() const {
    if (fetch_all_) {
        tasks_ = fetch_all_();
        fetch_all_ = nullptr;
    }
    return tasks_;
}

namespace {
// Beyond a few ids ("mark them all done" after a list), one read of the whole list is cheaper
// than a query per id.
constexpr std::size_t kSingleFetches = 4;
}  // namespace

const Task* TaskList::find(std::int64_t id) const {
    if (!fetch_all_ || !fetch_one_ || (fetched_.size() >= kSingleFetches && !fetched_.count(id))) {
        const auto& tasks = all();
        auto found = std::find_if(tasks.begin(), tasks.end(), [id](const Task& t) { return t.id == id; });
        return found == tasks.end() ? nullptr : &*found;
    }
    auto [slot, fresh] = fetched_.try_emplace(id);
    if (fresh) slot->second = fetch_one_(id);
    return slot->second ? &*slot->second : nullptr;
}

void TaskList::push_back(Task task) {
    all();
    tasks_.push_back(std::move(task));
}

}  // namespace todo::assistant
