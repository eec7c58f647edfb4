// Where the output goes (SPEC 5): never onto an input, never two outputs
// onto one file, through a symbolic link to its target, and a depfile whose
// target is quoted like its dependencies.
//
// RUN: rm -rf %t && mkdir -p %t/a %t/b "%t/sp dir"
// RUN: cp %s %t/a/in.cpp && cp %s %t/b/in.cpp && cp %s "%t/sp dir/in put.cpp"
//
// The input as its own output: refused, the input untouched.
// RUN: %not %stackless %t/a/in.cpp -o %t/a/in.cpp -- -std=c++17 -I%runtime 2>&1 | FileCheck %s --check-prefix=SELF
// RUN: %not %stackless %t/a/in.cpp --output-dir %t/a -- -std=c++17 -I%runtime 2>&1 | FileCheck %s --check-prefix=SELF
// RUN: cmp %s %t/a/in.cpp
// SELF: error: the output {{.*}}in.cpp would overwrite the input {{.*}}in.cpp
//
// Two inputs of one file name into one directory: refused before any work.
// RUN: %not %stackless %t/a/in.cpp %t/b/in.cpp --output-dir %t/out -- -std=c++17 -I%runtime 2>&1 | FileCheck %s --check-prefix=SAME
// RUN: %not test -e %t/out
// SAME: error: {{.*}}a/in.cpp and {{.*}}b/in.cpp would both be written to {{.*}}out/in.cpp
//
// Options that contradict each other.
// RUN: %not %stackless %t/a/in.cpp -o %t/x.cpp --output-dir %t/out -- -std=c++17 -I%runtime 2>&1 | FileCheck %s --check-prefix=BOTH
// BOTH: error: -o and --output-dir cannot be used together
// RUN: %not %stackless %t/a/in.cpp "%t/sp dir/in put.cpp" --output-dir %t/out -MD -MF %t/one.d -- -std=c++17 -I%runtime 2>&1 | FileCheck %s --check-prefix=MF
// MF: error: -MF names one depfile and takes a single input
//
// A symbolic link as the output: its target gets the code, the link stays.
// RUN: echo old > %t/target.cpp && ln -s %t/target.cpp %t/link.cpp
// RUN: %stackless %t/a/in.cpp -o %t/link.cpp -- -std=c++17 -I%runtime
// RUN: test -L %t/link.cpp && FileCheck %s --check-prefix=LINK --input-file %t/target.cpp
// LINK: class answer_future
//
// The depfile's target is quoted like its dependencies (make and ninja
// read `out\ file.cpp` as one name).
// RUN: %stackless "%t/sp dir/in put.cpp" -o "%t/sp dir/out file.cpp" -MD -- -std=c++17 -I%runtime
// RUN: FileCheck %s --check-prefix=DEP --input-file "%t/sp dir/out file.cpp.d"
// DEP: sp\ dir/out\ file.cpp: \
// DEP-NEXT: sp\ dir/in\ put.cpp
//
// --output-dir is created before the depfiles are written into it.
// RUN: %stackless %t/a/in.cpp --output-dir %t/made -MD -- -std=c++17 -I%runtime
// RUN: test -f %t/made/in.cpp && test -f %t/made/in.cpp.d

#include <stackless/stackless.hpp>

stackless::Async<int> answer() {
  int x = stackless::await(stackless::ready(42));
  return x;
}
