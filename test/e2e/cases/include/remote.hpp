// A header the tool does not rewrite: functions declared here keep
// Async<T> in the output (SPEC 2.11), so other files can call them.
#pragma once
#include <stackless/stackless.hpp>

stackless::Async<int> remote_double(int x);

// Generators and streams declared here keep Generator<Y, R> and Stream<T>,
// the type-erased owners, in the same way.
stackless::Generator<int> remote_evens(int n);
stackless::Stream<int> remote_squares(int n);
