// The accesses to each location in one execution, for race detection: its
// writes in order and the reads since the last write (FastTrack-style),
// enough to find every dependent predecessor of a new event. Earlier writes
// are kept for operations that wait (a lock() races with the latest write
// before which it could have run).
//
// Locations keep their slot across executions and Clear() only empties the
// lists in use, so an execution allocates nothing once every location has
// been seen and its lists have grown.
#pragma once

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "checker/core/ids.h"

namespace lockstep {

struct LocationAccesses {
  std::vector<EventIndex> writes;
  std::vector<EventIndex> reads;
};

class LocationTable {
 public:
  LocationAccesses& operator[](Location l) {
    auto [it, inserted] = slots_.try_emplace(l, static_cast<uint32_t>(accesses_.size()));
    if (inserted) accesses_.emplace_back();
    LocationAccesses& a = accesses_[it->second];
    if (a.writes.empty() && a.reads.empty()) used_.push_back(it->second);
    return a;
  }
  // nullptr when the location has not been accessed in this execution.
  const LocationAccesses* Find(Location l) const {
    const auto it = slots_.find(l);
    return it == slots_.end() ? nullptr : &accesses_[it->second];
  }
  // Starts an execution.
  void Clear() {
    for (uint32_t slot : used_) {
      accesses_[slot].writes.clear();
      accesses_[slot].reads.clear();
    }
    used_.clear();
  }

 private:
  absl::flat_hash_map<Location, uint32_t> slots_;  // kept across executions
  std::vector<LocationAccesses> accesses_;
  std::vector<uint32_t> used_;  // slots that may be non-empty
};

}  // namespace lockstep
