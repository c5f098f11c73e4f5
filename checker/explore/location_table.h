// The accesses to each location in one execution, for race detection: its
// writes and its reads, each in order. The reads after the last write
// (FastTrack-style) and that write are enough to find every dependent
// predecessor of a new event; earlier writes are kept for operations that
// wait (a lock() races with the latest write before which it could have
// run), and earlier reads so that Truncate() can go back to any prefix.
//
// Locations keep their slot across executions and Clear() only empties the
// lists in use, so an execution allocates nothing once every location has
// been seen and its lists have grown.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "checker/core/ids.h"

namespace lockstep {

struct LocationAccesses {
  std::vector<EventIndex> writes;
  std::vector<EventIndex> reads;

  // The reads since the last write, oldest first.
  std::span<const EventIndex> ReadsSinceWrite() const {
    auto first = reads.end();
    while (first != reads.begin() && (writes.empty() || first[-1] > writes.back())) --first;
    return {first, reads.end()};
  }
};

class LocationTable {
 public:
  // The location's accesses, for reading; Add() records a new one.
  const LocationAccesses& operator[](Location l) {
    auto [it, inserted] = slots_.try_emplace(l, static_cast<uint32_t>(slots_.size()));
    if (inserted) {
      accesses_.emplace_back();
      listed_.push_back(false);
    }
    return accesses_[it->second];
  }
  // Records event j's access to a location operator[] returned.
  void Add(const LocationAccesses& location, EventIndex j, bool write) {
    const uint32_t slot = static_cast<uint32_t>(&location - accesses_.data());
    LocationAccesses& a = accesses_[slot];
    (write ? a.writes : a.reads).push_back(j);
    log_.push_back({slot, write});
    if (!listed_[slot]) {
      listed_[slot] = true;
      used_.push_back(slot);
    }
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
      listed_[slot] = false;
    }
    used_.clear();
    log_.clear();
  }
  // Back to the accesses of events before the first n (of the
  // execution, counting those without an access).
  void Truncate(size_t n) {
    while (!log_.empty()) {
      LocationAccesses& a = accesses_[log_.back().slot];
      std::vector<EventIndex>& list = log_.back().write ? a.writes : a.reads;
      if (list.back() < n) return;
      list.pop_back();
      log_.pop_back();
    }
  }

 private:
  struct Logged {
    uint32_t slot;
    bool write;
  };
  absl::flat_hash_map<Location, uint32_t> slots_;  // kept across executions
  std::vector<LocationAccesses> accesses_;
  std::vector<bool> listed_;    // per slot: in used_
  std::vector<uint32_t> used_;  // slots that may be non-empty
  std::vector<Logged> log_;     // every access of this execution, in order
};

}  // namespace lockstep
