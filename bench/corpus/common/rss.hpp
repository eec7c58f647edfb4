// bench/corpus/common/rss.hpp — peak resident memory of a piece of work
// (the same method as bench/rss.hpp: VmHWM reset through clear_refs).
#pragma once

#include <malloc.h>

#include <cstddef>
#include <fstream>
#include <string>

namespace bench {

inline std::size_t proc_status_bytes(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.compare(0, field.size() + 1, field + ":") == 0) return std::stoul(line.substr(field.size() + 1)) * 1024;
  }
  return 0;
}

template <class Work>
std::size_t peak_rss_growth(Work&& work) {
  malloc_trim(0);
  std::ofstream("/proc/self/clear_refs") << "5";
  const std::size_t before = proc_status_bytes("VmRSS");
  work();
  const std::size_t peak = proc_status_bytes("VmHWM");
  return peak > before ? peak - before : 0;
}

}  // namespace bench
