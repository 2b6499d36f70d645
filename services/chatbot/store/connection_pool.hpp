#pragma once
// A fixed set of connections shared by threads. acquire() blocks up to a deadline and then
// throws StoreUnavailable, so a saturated or stuck database never hangs a request forever.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "chatbot/store/store.hpp"

namespace todo::store {

template <typename Connection>
class ConnectionPool {
public:
    /// Hands a connection back to the pool when it goes out of scope.
    class Lease {
    public:
        Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
            : pool_(&pool), connection_(std::move(connection)) {}
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() {
            if (connection_) pool_->give_back(std::move(connection_));
        }
        Connection& operator*() const { return *connection_; }
        Connection* operator->() const { return connection_.get(); }

    private:
        ConnectionPool* pool_;
        std::unique_ptr<Connection> connection_;
    };

    explicit ConnectionPool(std::chrono::milliseconds wait_limit) : wait_limit_(wait_limit) {}

    void add(std::unique_ptr<Connection> connection) { give_back(std::move(connection)); }

    Lease acquire() {
        std::unique_lock lock(mutex_);
        if (!available_.wait_for(lock, wait_limit_, [this] { return !idle_.empty(); }))
            throw StoreUnavailable("timed out after " + std::to_string(wait_limit_.count()) +
                                   " ms waiting for a free database connection");
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(connection));
    }

private:
    void give_back(std::unique_ptr<Connection> connection) {
        {
            std::lock_guard lock(mutex_);
            idle_.push_back(std::move(connection));
        }
        available_.notify_one();
    }

    std::chrono::milliseconds wait_limit_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace todo::store
