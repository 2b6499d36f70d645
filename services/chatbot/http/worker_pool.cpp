#include "chatbot/http/worker_pool.hpp"

#include <algorithm>

namespace todo::http {

WorkerPool::WorkerPool(std::size_t threads, std::size_t queue_limit) : queue_limit_(queue_limit) {
    threads_.reserve(std::max<std::size_t>(1, threads));
    for (std::size_t i = 0; i < std::max<std::size_t>(1, threads); ++i)
        threads_.emplace_back([this] { work(); });
}

WorkerPool::~WorkerPool() {
    stop();
}

bool WorkerPool::try_submit(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        // Running plus waiting jobs: idle threads take queued work straight away.
        if (stopping_ || busy_ + queue_.size() >= threads_.size() + queue_limit_) {
            ++rejected_;
            return false;
        }
        queue_.push_back(std::move(job));
    }
    wake_.notify_one();
    return true;
}

void WorkerPool::stop() {
    std::deque<std::function<void()>> dropped;
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        dropped.swap(queue_);
    }
    wake_.notify_all();
    dropped.clear();  // outside the lock: a job's captures may take other locks when destroyed
    for (auto& thread : threads_)
        if (thread.joinable() && thread.get_id() != std::this_thread::get_id()) thread.join();
}

std::size_t WorkerPool::queue_depth() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

std::size_t WorkerPool::busy() const {
    std::lock_guard lock(mutex_);
    return busy_;
}

std::uint64_t WorkerPool::rejected() const {
    std::lock_guard lock(mutex_);
    return rejected_;
}

void WorkerPool::work() {
    for (;;) {
        std::function<void()> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            job = std::move(queue_.front());
            queue_.pop_front();
            ++busy_;
        }
        try {
            job();
        } catch (...) {  // a stray exception must not cost the pool a thread
        }
        job = nullptr;
        std::lock_guard lock(mutex_);
        --busy_;
    }
}

}  // namespace todo::http
