#pragma once
// A fixed set of threads with a bounded queue for work that may block (the store, the LLM).
// A full queue refuses new work at once, so overload turns into fast 503s, not a backlog.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace todo::http {

class WorkerPool {
public:
    /// `threads` at least 1; `queue_limit` jobs may wait beyond those running.
    WorkerPool(std::size_t threads, std::size_t queue_limit);
    ~WorkerPool();  ///< drops jobs not yet started, waits for running ones
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    /// Queues `job`; false (and counted as a rejection) when the queue is full or stopped.
    bool try_submit(std::function<void()> job);
    /// Refuses new jobs, drops queued ones and joins the threads. Idempotent.
    void stop();

    std::size_t queue_depth() const;
    std::size_t busy() const;
    std::uint64_t rejected() const;
    std::size_t threads() const { return threads_.size(); }
    std::size_t queue_limit() const { return queue_limit_; }

private:
    void work();

    const std::size_t queue_limit_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> queue_;
    std::size_t busy_ = 0;
    std::uint64_t rejected_ = 0;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace todo::http
