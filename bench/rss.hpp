// bench/rss.hpp — peak resident memory of a piece of work, from /proc/self.
#pragma once

#include <malloc.h>

#include <cstddef>
#include <fstream>
#include <string>

namespace bench {

/// A field of /proc/self/status in bytes (VmRSS, VmHWM, ...).
inline std::size_t proc_status_bytes(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.compare(0, field.size() + 1, field + ":") == 0) return std::stoul(line.substr(field.size() + 1)) * 1024;
  }
  return 0;
}

/// How much the peak RSS rose above the current RSS while `work` ran.
/// Memory cached by malloc is returned to the system first, and the peak
/// (VmHWM) is reset through /proc/self/clear_refs, so this measures `work`.
template <class Work>
std::size_t peak_rss_growth(Work&& work) {
  malloc_trim(0);
  std::ofstream("/proc/self/clear_refs") << "5";  // resets VmHWM to the current RSS
  const std::size_t before = proc_status_bytes("VmRSS");
  work();
  const std::size_t peak = proc_status_bytes("VmHWM");
  return peak > before ? peak - before : 0;
}

}  // namespace bench
