// User memory as the kernel reaches it: get_user() and the futex cmpxchg on a
// user word, and the page-fault path they take when the page is not present.
#pragma once

#include <cstdint>
#include <optional>

#include "checker/lockstep.h"
#include "models/robust_futex/state.h"

namespace lockstep::models::robust_futex {

// get_user() from kernel mode (it has an exception-table entry); nullopt is -EFAULT.
Task<std::optional<int64_t>> get_user(Mm& mm, int64_t addr);

// cmpxchg_futex_value_locked() + fault_in_user_writeable() on -EFAULT: the old
// value, or nullopt if the page cannot be faulted in.
Task<std::optional<int64_t>> futex_cmpxchg_user(Mm& mm, int64_t addr, int64_t expected, int64_t desired);

// The page-fault path for a kernel-mode access: true if the page is now present.
Task<bool> do_user_addr_fault(Mm& mm, Vma& vma);

}  // namespace lockstep::models::robust_futex
