#include "util/task_queue.hpp"

#include <utility>

#include "util/parallel.hpp"

namespace sprout::util {

TaskQueue::TaskQueue(unsigned workers, std::size_t max_pending) {
    const unsigned n = workers ? workers : default_jobs();
    max_pending_ = max_pending ? max_pending : 4 * static_cast<std::size_t>(n);
    if (n <= 1) return;
    threads_.reserve(n);
    for (unsigned i = 0; i < n; ++i) threads_.emplace_back([this] { work(); });
}

TaskQueue::~TaskQueue() {
    {
        std::unique_lock lock(mu_);
        all_done_.wait(lock, [this] { return finished_ == submitted_; });
        stopping_ = true;
    }
    has_task_.notify_all();
    threads_.clear();  // joins
}

void TaskQueue::record_error(std::size_t seq, std::exception_ptr e) {
    if (!error_ || seq < error_seq_) {
        error_seq_ = seq;
        error_ = std::move(e);
    }
}

void TaskQueue::submit(std::function<void()> task) {
    if (threads_.empty()) {
        const std::size_t seq = submitted_++;
        try {
            task();
        } catch (...) {
            record_error(seq, std::current_exception());
        }
        ++finished_;
        return;
    }
    {
        std::unique_lock lock(mu_);
        has_space_.wait(lock, [this] { return queue_.size() < max_pending_; });
        queue_.emplace_back(submitted_++, std::move(task));
    }
    has_task_.notify_one();
}

void TaskQueue::wait() {
    std::unique_lock lock(mu_);
    all_done_.wait(lock, [this] { return finished_ == submitted_; });
    if (error_) {
        auto e = std::exchange(error_, nullptr);
        std::rethrow_exception(e);
    }
}

void TaskQueue::work() {
    for (;;) {
        std::pair<std::size_t, std::function<void()>> item;
        {
            std::unique_lock lock(mu_);
            has_task_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and nothing left
            item = std::move(queue_.front());
            queue_.pop_front();
        }
        has_space_.notify_one();
        std::exception_ptr error;
        try {
            item.second();
        } catch (...) {
            error = std::current_exception();
        }
        item.second = nullptr;  // free what the task held before reporting it done
        {
            std::lock_guard lock(mu_);
            if (error) record_error(item.first, std::move(error));
            ++finished_;
        }
        all_done_.notify_all();
    }
}

}  // namespace sprout::util
