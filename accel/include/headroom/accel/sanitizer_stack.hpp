// SPDX-License-Identifier: MIT
// Called when a SystemC kernel context is destroyed (and by the tests' context fixture).
// SystemC runs its threads as QuickThreads coroutines on their own stacks. After a run, ASan can
// still believe it is on a coroutine's stack: it then ignores __asan_handle_no_return ("ASan is
// ignoring requested __asan_handle_no_return: stack type: default top: ...") and the next
// exception thrown on the real stack leaves stale redzones that it reports as stack-buffer-overflow
// or stack-use-after-scope. Announcing the thread's own stack again after each run restores it.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#include <pthread.h>
#include <sanitizer/common_interface_defs.h>
#endif

namespace headroom::accel {

inline void announce_thread_stack_to_asan() {
#if defined(__SANITIZE_ADDRESS__)
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return;
  void* bottom = nullptr;
  size_t size = 0;
  const bool known = pthread_attr_getstack(&attr, &bottom, &size) == 0;
  pthread_attr_destroy(&attr);
  if (!known) return;
  void* fake_stack = nullptr;
  __sanitizer_start_switch_fiber(&fake_stack, bottom, size);
  __sanitizer_finish_switch_fiber(fake_stack, nullptr, nullptr);
#endif
}

}  // namespace headroom::accel
