#pragma once
// Opens the store in the background and watches it, so the server listens at once whether or
// not the database is up: readiness follows the store, liveness never does. One log line per
// outage and one per recovery, however many requests fail in between.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "chatbot/store/store.hpp"

namespace todo::telemetry {
class Logger;
}

namespace todo::app {

struct SupervisorTiming {
    std::chrono::milliseconds first_retry{250};
    std::chrono::milliseconds max_retry{5000};
    std::chrono::milliseconds ping_every{1000};
};

/// A Store that forwards to the real one once it is open; until then every call throws
/// StoreUnavailable. The real stores reconnect by themselves once open.
class StoreSupervisor final : public store::Store {
public:
    /// Validates the URL now (throws BadDatabaseUrl); opens nothing until start().
    StoreSupervisor(std::string url, store::QueryObserver observer, std::size_t pool_size,
                    const telemetry::Logger& logger, SupervisorTiming timing = {});
    ~StoreSupervisor() override;
    StoreSupervisor(const StoreSupervisor&) = delete;
    StoreSupervisor& operator=(const StoreSupervisor&) = delete;

    /// Starts the background thread: open with backoff, then ping every `ping_every`.
    void start();
    /// The last check found the store answering. Never blocks.
    bool ready() const { return ready_; }

    void ping() override;
    std::string_view kind() const override { return kind_; }
    using store::Store::create_task;
    Task create_task(const std::string& user_id, const TaskDraft& draft, std::size_t cap) override;
    std::vector<Task> list_tasks(const std::string& user_id, const TaskFilter& filter) override;
    std::size_t count_tasks(const std::string& user_id) override;
    std::optional<Task> get_task(const std::string& user_id, std::int64_t id) override;
    std::optional<Task> update_task(const std::string& user_id, std::int64_t id,
                                    const TaskPatch& patch) override;
    std::optional<Task> toggle_complete(const std::string& user_id, std::int64_t id) override;
    bool delete_task(const std::string& user_id, std::int64_t id) override;
    std::int64_t create_conversation(const std::string& user_id) override;
    bool conversation_exists(const std::string& user_id, std::int64_t conversation_id) override;
    Message append_message(const std::string& user_id, std::int64_t conversation_id,
                           const std::string& role, const std::string& content,
                           const std::string& tool_calls_json) override;
    std::vector<Message> list_messages(const std::string& user_id, std::int64_t conversation_id,
                                       std::size_t limit) override;
    std::vector<ConversationSummary> list_conversations(const std::string& user_id,
                                                        std::size_t limit,
                                                        std::size_t offset) override;

private:
    store::Store& inner();
    void watch();
    /// Sleeps up to `delay`; false when the supervisor is being destroyed.
    bool pause(std::chrono::milliseconds delay);
    void mark_down(const std::string& reason);
    void mark_up();

    std::string url_;
    store::QueryObserver observer_;
    std::size_t pool_size_;
    const telemetry::Logger& logger_;
    SupervisorTiming timing_;
    std::string kind_;

    std::unique_ptr<store::Store> owned_;
    std::atomic<store::Store*> store_{nullptr};
    std::atomic<bool> ready_{false};
    bool down_logged_ = false;  // only the watch thread touches it
    std::chrono::steady_clock::time_point down_since_{};

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace todo::app
