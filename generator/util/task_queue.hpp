#pragma once
// A bounded queue of tasks run by worker threads: the producer (say, the code that builds page
// contexts one after another) hands each finished piece of work to the workers and goes on, and
// waits only when `max_pending` tasks are already queued, so memory stays bounded.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sprout::util {

class TaskQueue {
public:
    // `workers` threads (0: default_jobs()). With one worker, tasks run at once inside submit(),
    // on the caller's thread, exactly as a plain loop would.
    explicit TaskQueue(unsigned workers = 0, std::size_t max_pending = 0);
    ~TaskQueue();  // waits for the tasks, dropping any error
    TaskQueue(const TaskQueue&) = delete;
    TaskQueue& operator=(const TaskQueue&) = delete;

    void submit(std::function<void()> task);
    // Returns when every task submitted so far has run. If any threw, rethrows the exception of
    // the earliest submitted of them, so the error does not depend on thread timing.
    void wait();

private:
    void work();
    void record_error(std::size_t seq, std::exception_ptr e);

    std::size_t max_pending_;
    std::mutex mu_;
    std::condition_variable has_task_, has_space_, all_done_;
    std::deque<std::pair<std::size_t, std::function<void()>>> queue_;
    std::size_t submitted_ = 0, finished_ = 0;
    bool stopping_ = false;
    std::size_t error_seq_ = 0;
    std::exception_ptr error_;
    std::vector<std::jthread> threads_;
};

}  // namespace sprout::util
