// A header the tool does not rewrite: functions declared here keep
// Async<T> in the output (SPEC 2.11), so other files can call them.
#pragma once
#include <stackless/stackless.hpp>

stackless::Async<int> remote_double(int x);
