// stackless/task_pool.hpp — TaskPool: the memory of an executor's tasks.
//
// A spawned task is one block of memory (task.hpp: a header, then the
// future). The tasks spawned on the executor's own thread — the common case,
// and the T2 benchmark's — take their block from the executor's TaskPool
// rather than from malloc: a slab of fixed-size chunks carved by a bump
// pointer, plus one free list per block size.
//
//     chunk (256 KiB, aligned to 256 KiB):
//       [ next | owner | pad ][ block | block | block | ... | unused tail ]
//         the chunk header     ^ first block on a cache line; bump_ advances up to end_
//
//     free_[size / 8] --> block --> block --> nullptr   (LIFO, linked through
//                                                        each free block's first word)
//
// Why: a task is allocated once and freed once, always with the same size
// for a given spawn site, on the executor's thread in all but rare cases.
// malloc pays for generality there (a size lookup, a chunk header per task —
// 16 bytes, a quarter of a small task — and a shared heap); the pool pays a
// pointer bump or a list pop, and lays the tasks of one burst of spawns next
// to each other in spawn order, which is the order the FIFO executor polls
// them in (the hardware prefetcher follows it).
//
// Chunks are aligned to their size, so the chunk of any block is its address
// rounded down (chunk_of()). The header's `owner` is the pool's owner (the
// Scheduler): a pooled task finds its scheduler there instead of storing a
// pointer to it (task.hpp), 8 bytes less per task. The executor's ready queue
// is made of chunks too (task_queue.hpp).
//
// Invariants (a TaskPool is a plain single-threaded structure; the
// Scheduler that owns it decides which thread may touch it, see
// scheduler.hpp):
//   * Block sizes are multiples of 8 (block_bytes), at most kMaxPooledBytes;
//     a type that is bigger, or aligned to more than 16, is not pooled
//     (pooled_v). A block of a size that is a multiple of 16 is 16-aligned
//     (the bump pointer is rounded up for it); others are 8-aligned: a
//     type's alignment divides its size, so an odd multiple of 8 never needs
//     more.
//   * Every block carved from a chunk is, at any time, either handed out
//     (a live task), or on exactly one free list: the one of its own size.
//     Blocks never change size, never move between lists of different
//     sizes, and are never returned to malloc one by one.
//   * Every chunk of the pool has owner == the pool's owner, for as long as
//     the pool has it.
//   * Chunks are only freed with the whole pool (release_chunks()), when no
//     block is handed out any more (the Scheduler counts them). They then go
//     to a cache of the thread's, so that the next executor on the same
//     thread reuses memory that is already mapped (a fresh page costs a page
//     fault and zeroing: more than the rest of a small task's life). The
//     cache keeps at most kChunkCacheBytes (STACKLESS_TASK_CHUNK_CACHE_BYTES)
//     and is freed when the thread exits (or by trim_chunk_cache()).
//   * Under AddressSanitizer every byte the pool holds and has not handed
//     out is poisoned (free blocks, the unused part of chunks), so a use
//     after free of a pooled task is caught as with malloc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>

#include "config.hpp"

#if STACKLESS_ASAN
#include <sanitizer/asan_interface.h>
#endif

/// How much memory, in bytes, each thread keeps in chunks of finished
/// executors for its next executors (see above). 0 disables the cache.
#ifndef STACKLESS_TASK_CHUNK_CACHE_BYTES
#define STACKLESS_TASK_CHUNK_CACHE_BYTES (std::size_t{64} << 20)
#endif

namespace stackless::detail {

inline void pool_poison(void* p, std::size_t n) noexcept {
#if STACKLESS_ASAN
  ASAN_POISON_MEMORY_REGION(p, n);
#else
  (void)p;
  (void)n;
#endif
}

inline void pool_unpoison(void* p, std::size_t n) noexcept {
#if STACKLESS_ASAN
  ASAN_UNPOISON_MEMORY_REGION(p, n);
#else
  (void)p;
  (void)n;
#endif
}

// ---- chunks ----------------------------------------------------------------------

inline constexpr std::size_t kPoolChunkBytes = std::size_t{256} << 10;
inline constexpr std::uintptr_t kCacheLine = 64;
inline constexpr std::size_t kMaxPooledBytes = 1024;
inline constexpr std::size_t kChunkCacheBytes = STACKLESS_TASK_CHUNK_CACHE_BYTES;

/// The start of every chunk: the link of a list of chunks (the pool's, a
/// queue's, the cache's), and the owner of the blocks carved from it.
struct alignas(16) PoolChunk {
  PoolChunk* next;
  void* owner;
};
static_assert(kMaxPooledBytes + kCacheLine <= kPoolChunkBytes, "a chunk holds at least one block");

/// The chunk that `p` (a block, or any byte of a chunk) lies in.
inline PoolChunk* chunk_of(const void* p) noexcept {
  return reinterpret_cast<PoolChunk*>(reinterpret_cast<std::uintptr_t>(p) & ~(std::uintptr_t{kPoolChunkBytes} - 1));
}

inline void* new_chunk() { return ::operator new(kPoolChunkBytes, std::align_val_t{kPoolChunkBytes}); }
inline void delete_chunk(void* chunk) noexcept { ::operator delete(chunk, std::align_val_t{kPoolChunkBytes}); }

/// The chunks this thread keeps. Trivially destructible, so that it stays
/// usable while other thread_local objects are destroyed at thread exit
/// (an Executor among them may give chunks back then): once the thread's
/// ChunkCacheReaper has run, `dead` is set and chunks go back to malloc.
struct ChunkCache {
  PoolChunk* chunks = nullptr;
  std::size_t count = 0;
  bool registered = false;  // the reaper is constructed (its destructor will run)
  bool dead = false;        // the reaper has run: cache nothing more
};
inline thread_local ChunkCache chunk_cache;

/// Frees this thread's cached chunks (they are unused). The bench calls it to
/// measure a run's memory from scratch.
inline void trim_chunk_cache() noexcept {
  ChunkCache& cache = chunk_cache;
  while (PoolChunk* chunk = cache.chunks) {
    cache.chunks = chunk->next;
    delete_chunk(chunk);
  }
  cache.count = 0;
}

/// Frees this thread's cached chunks when the thread exits.
struct ChunkCacheReaper {
  ChunkCacheReaper() noexcept = default;
  ~ChunkCacheReaper() {
    chunk_cache.dead = true;
    trim_chunk_cache();
  }
};
inline thread_local ChunkCacheReaper chunk_cache_reaper;

/// A chunk (from this thread's cache, or new: may throw std::bad_alloc) for
/// `owner`; its header is set, the rest is uninitialised.
inline PoolChunk* take_chunk(void* owner) {
  ChunkCache& cache = chunk_cache;
  PoolChunk* chunk = cache.chunks;
  if (chunk != nullptr) {
    cache.chunks = chunk->next;
    --cache.count;
  } else {
    chunk = static_cast<PoolChunk*>(new_chunk());
  }
  chunk->next = nullptr;
  chunk->owner = owner;
  return chunk;
}

/// Gives back a chunk nobody uses any more: to this thread's cache if
/// `keep` (and there is room), else to malloc.
inline void give_back_chunk(PoolChunk* chunk, bool keep) noexcept {
  pool_unpoison(chunk, kPoolChunkBytes);
  ChunkCache& cache = chunk_cache;
  if (keep && !cache.dead && (cache.count + 1) * kPoolChunkBytes <= kChunkCacheBytes) {
    if (!cache.registered) {
      cache.registered = true;
      (void)&chunk_cache_reaper;  // odr-use: constructs it, so its destructor runs at thread exit
    }
    chunk->next = cache.chunks;
    chunk->owner = nullptr;
    cache.chunks = chunk;
    ++cache.count;
    return;
  }
  delete_chunk(chunk);
}

// ---- the pool ------------------------------------------------------------------

/// A block on a free list. On the Scheduler's list of blocks freed by other
/// threads (not yet sorted into the pool), `bytes` records its size.
struct FreeBlock {
  FreeBlock* next;
  std::size_t bytes;
};

class TaskPool {
 public:
  /// Whether a T is pooled, and the size of its block.
  template <class T>
  static constexpr bool pooled_v = sizeof(T) <= kMaxPooledBytes && alignof(T) <= 16;
  template <class T>
  static constexpr std::size_t block_bytes = (sizeof(T) + 7) / 8 * 8;

  /// A pool whose chunks name `owner` (chunk_of(block)->owner).
  explicit TaskPool(void* owner) noexcept : owner_(owner) {}
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;
  ~TaskPool() { release_chunks(false); }

  /// Gives the chunks back (see give_back_chunk): every block must be back,
  /// or never handed out. The pool is empty, and usable, afterwards.
  void release_chunks(bool keep) noexcept {
    while (PoolChunk* chunk = chunks_) {
      chunks_ = chunk->next;
      give_back_chunk(chunk, keep);
    }
    bump_ = end_ = 0;
    for (FreeBlock*& head : free_) head = nullptr;
  }

  /// A block of `bytes` (a block_bytes<T>). May throw std::bad_alloc.
  void* allocate(std::size_t bytes) {
    FreeBlock*& head = free_[bytes / 8];
    if (FreeBlock* block = head) {
      pool_unpoison(block, bytes);
      head = block->next;
      return block;
    }
    std::uintptr_t p = bump_;
    if (bytes % 16 == 0) p = (p + 15) & ~std::uintptr_t{15};  // <= end_: end_ is 16-aligned
    if (end_ - p < bytes) return allocate_in_new_chunk(bytes);
    bump_ = p + bytes;
    pool_unpoison(reinterpret_cast<void*>(p), bytes);
    return reinterpret_cast<void*>(p);
  }

  /// Takes back a block of `bytes` that allocate() handed out.
  void deallocate(void* block, std::size_t bytes) noexcept {
    FreeBlock*& head = free_[bytes / 8];
    auto* freed = static_cast<FreeBlock*>(block);
    freed->next = head;
    head = freed;
    pool_poison(block, bytes);
  }

  /// Links a block of `bytes` that another thread freed into `list`.
  static void push_foreign(FreeBlock*& list, void* block, std::size_t bytes) noexcept {
    auto* freed = static_cast<FreeBlock*>(block);
    freed->next = list;
    freed->bytes = bytes;
    list = freed;
    pool_poison(block, bytes);
  }

  /// Takes back every block of a push_foreign() list; returns how many.
  std::size_t take_back(FreeBlock* list) noexcept {
    std::size_t count = 0;
    while (list != nullptr) {
      pool_unpoison(list, sizeof(FreeBlock));
      FreeBlock* next = list->next;
      deallocate(list, list->bytes);
      list = next;
      ++count;
    }
    return count;
  }

 private:
  void* allocate_in_new_chunk(std::size_t bytes) {
    PoolChunk* chunk = take_chunk(owner_);
    chunk->next = chunks_;
    chunks_ = chunk;
    // The old chunk's tail (less than one block) is left unused. The first
    // block starts on a cache line: a 64-byte task then occupies exactly one
    // line, and any task as few lines as its size allows.
    const auto start = reinterpret_cast<std::uintptr_t>(chunk);
    const std::uintptr_t first = (start + sizeof(PoolChunk) + kCacheLine - 1) & ~(kCacheLine - 1);
    bump_ = first + bytes;
    end_ = start + kPoolChunkBytes;
    pool_poison(reinterpret_cast<void*>(bump_), end_ - bump_);
    return reinterpret_cast<void*>(first);
  }

  FreeBlock* free_[kMaxPooledBytes / 8 + 1] = {};
  std::uintptr_t bump_ = 0;  // the next free byte of the newest chunk
  std::uintptr_t end_ = 0;   // the end of the newest chunk
  PoolChunk* chunks_ = nullptr;
  void* const owner_;
};

}  // namespace stackless::detail
