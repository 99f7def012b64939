/* The entry point every fuzz target defines: libFuzzer calls it under `make fuzz`, and
 * replay.c calls it on each file of the target's seed corpus in `make test`. A target
 * aborts (through a sanitizer or an assert of its own) when it finds a bug. */
#ifndef RP_FUZZ_H
#define RP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* DATA as a NUL-terminated string (owned, free()); inner NULs end it early, as they would
 * for text that came through C. */
char *fuzz_text(const uint8_t *data, size_t size);

#endif
