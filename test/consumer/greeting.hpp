// A header beside main.cpp: editing it reruns the tool on main.cpp only.
#pragma once

#include <string>

inline std::string greeting(const char* who) { return std::string("hello, ") + who; }
