// Process control that Swift cannot call itself: prctl(2) is variadic, so it does not import.
#ifndef REPRO_CPROCESS_SHIM_H
#define REPRO_CPROCESS_SHIM_H

#ifdef __linux__
#include <sys/prctl.h>
#endif

/// Asks the kernel to send `signal` to this process when its parent ends (however it ends, SIGKILL too).
/// Returns 0 on success, -1 where the system has no such request (off Linux) or refuses it.
static inline int repro_signal_on_parent_death(int signal) {
#ifdef __linux__
  return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
#else
  (void)signal;
  return -1;
#endif
}

#endif
