#include "chatbot/app/store_supervisor.hpp"

#include "chatbot/store/database_url.hpp"
#include "chatbot/telemetry/logger.hpp"

namespace todo::app {

StoreSupervisor::StoreSupervisor(std::string url, store::QueryObserver observer,
                                 std::size_t pool_size, const telemetry::Logger& logger,
                                 SupervisorTiming timing)
    : url_(std::move(url)),
      observer_(std::move(observer)),
      pool_size_(pool_size),
      logger_(logger),
      timing_(timing) {
    const auto parsed = store::parse_database_url(url_);  // throws BadDatabaseUrl
    kind_ = parsed.backend == store::DatabaseUrl::Backend::Sqlite ? "sqlite" : "postgres";
}

StoreSupervisor::~StoreSupervisor() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void StoreSupervisor::start() {
    thread_ = std::thread([this] { watch(); });
}

bool StoreSupervisor::pause(std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex_);
    return !wake_.wait_for(lock, delay, [this] { return stopping_; });
}

void StoreSupervisor::mark_down(const std::string& reason) {
    ready_ = false;
    if (down_logged_) return logger_.debug("store_retry", {{"reason", reason}});
    down_logged_ = true;
    down_since_ = std::chrono::steady_clock::now();
    logger_.warn("store_unavailable",
                 {{"reason", reason}, {"hint", "retrying with backoff; readiness is 503 until then"}});
}

void StoreSupervisor::mark_up() {
    if (down_logged_) {
        const auto down = std::chrono::steady_clock::now() - down_since_;
        logger_.info("store_available",
                     {{"store", kind_},
                      {"down_ms", std::chrono::duration_cast<std::chrono::milliseconds>(down).count()}});
    }
    down_logged_ = false;
    ready_ = true;
}

void StoreSupervisor::watch() {
    auto delay = timing_.first_retry;
    while (store_ == nullptr) {
        try {
            owned_ = store::open_store(url_, observer_, pool_size_);
            store_ = owned_.get();
            mark_up();
        } catch (const std::exception& error) {  // unavailable, or a migration that failed
            mark_down(error.what());
            if (!pause(delay)) return;
            delay = std::min(delay * 2, timing_.max_retry);
        }
    }
    while (pause(ready_ ? timing_.ping_every : std::min(timing_.ping_every, timing_.first_retry))) {
        try {
            store_.load()->ping();
            if (!ready_) mark_up();
        } catch (const std::exception& error) {
            mark_down(error.what());
        }
    }
}

store::Store& StoreSupervisor::inner() {
    auto* store = store_.load();
    if (store == nullptr) throw store::StoreUnavailable("the database is not connected yet");
    return *store;
}

void StoreSupervisor::ping() { inner().ping(); }

Task StoreSupervisor::create_task(const std::string& user_id, const TaskDraft& draft,
                                  std::size_t cap) {
    return inner().create_task(user_id, draft, cap);
}

std::vector<Task> StoreSupervisor::list_tasks(const std::string& user_id, const TaskFilter& filter) {
    return inner().list_tasks(user_id, filter);
}

std::size_t StoreSupervisor::count_tasks(const std::string& user_id) {
    return inner().count_tasks(user_id);
}

std::vector<ConversationSummary> StoreSupervisor::list_conversations(const std::string& user_id,
                                                                     std::size_t limit,
                                                                     std::size_t offset) {
    return inner().list_conversations(user_id, limit, offset);
}

std::optional<Task> StoreSupervisor::get_task(const std::string& user_id, std::int64_t id) {
    return inner().get_task(user_id, id);
}

std::optional<Task> StoreSupervisor::update_task(const std::string& user_id, std::int64_t id,
                                                 const TaskPatch& patch) {
    return inner().update_task(user_id, id, patch);
}

std::optional<Task> StoreSupervisor::toggle_complete(const std::string& user_id, std::int64_t id) {
    return inner().toggle_complete(user_id, id);
}

bool StoreSupervisor::delete_task(const std::string& user_id, std::int64_t id) {
    return inner().delete_task(user_id, id);
}

std::int64_t StoreSupervisor::create_conversation(const std::string& user_id) {
    return inner().create_conversation(user_id);
}

bool StoreSupervisor::conversation_exists(const std::string& user_id,
                                          std::int64_t conversation_id) {
    return inner().conversation_exists(user_id, conversation_id);
}

Message StoreSupervisor::append_message(const std::string& user_id, std::int64_t conversation_id,
                                        const std::string& role, const std::string& content,
                                        const std::string& tool_calls_json) {
    return inner().append_message(user_id, conversation_id, role, content, tool_calls_json);
}

std::vector<Message> StoreSupervisor::list_messages(const std::string& user_id,
                                                    std::int64_t conversation_id,
                                                    std::size_t limit) {
    return inner().list_messages(user_id, conversation_id, limit);
}

}  // namespace todo::app
