// Found through consumer_names' INTERFACE_INCLUDE_DIRECTORIES, by the tool too.
#pragma once

#ifndef CONSUMER_WHO
#error "CONSUMER_WHO is not defined: the target's compile definitions did not reach the tool"
#endif

inline const char* who() { return CONSUMER_WHO; }
