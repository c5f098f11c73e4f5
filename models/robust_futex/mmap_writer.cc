// A task that takes the victim's mmap_lock for writing (mmap(), munmap(),
// mprotect() from another thread of the mm, or a /proc writer): while the
// oom reaper holds the lock for reading it queues, and every later reader,
// including a page fault's mmap_read_lock(), queues behind it.
#include "models/robust_futex/threads.h"

namespace lockstep::models::robust_futex {

Task<void> mmap_writer(World& w) {
  co_await w.mm->mmap_lock.down_write();  // mmap_write_lock() (include/linux/mmap_lock.h, 5.8+)
  co_await w.mm->mmap_lock.up_write();    // mmap_write_unlock()
}

}  // namespace lockstep::models::robust_futex
