// Identifiers shared by every layer. Depends on nothing.
#pragma once

#include <cstdint>

namespace lockstep {

// A model thread. Threads are numbered in spawn order, which is deterministic
// because spawning is thread-local code run in a replayed order.
using ThreadId = uint8_t;
inline constexpr int kMaxThreads = 64;
inline constexpr ThreadId kNoThread = 0xff;

// A shared object, numbered in creation order (deterministic for the same reason).
using ObjectId = uint32_t;
inline constexpr ObjectId kNoObject = ~ObjectId{0};

// A conflict location: two operations can only be dependent if they touch the
// same location. One object is one location, except that each bit of a flags
// word is a location of its own (see sync/bits.h).
using Location = uint64_t;

// Position of an event in one execution (0-based).
using EventIndex = uint32_t;

}  // namespace lockstep
