# Convenience wrapper around CMake; the build itself is described in CMakeLists.txt.

BUILD ?= build
TEST_BUILD ?= build-test
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
MAKEFLAGS += --no-print-directory
NPROC := $(shell nproc 2>/dev/null || echo 2)
FORMAT = find src include tests bench -name '*.[ch]' -exec clang-format

# LeakSanitizer was checked to work in this sandbox (no ptrace restriction), so the suite
# runs leak-checked.
export ASAN_OPTIONS = detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS = print_stacktrace=1:halt_on_error=1

.PHONY: all deps test run format format-check bench fuzz clean

all: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DRAPPORT_TESTS=OFF
	cmake --build $(BUILD) -j$(NPROC)

deps:
	scripts/deps

test: deps
	cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DRAPPORT_SANITIZE=ON \
		-DRAPPORT_TESTS=ON
	cmake --build $(TEST_BUILD) -j$(NPROC)
	ctest --test-dir $(TEST_BUILD) --output-on-failure -j2

run: all
	scripts/demo $(BUILD)/rapport

format:
	$(FORMAT) -i {} +

format-check:
	$(FORMAT) --dry-run --Werror {} +

bench: all
	scripts/deps --bench
	bench/run

# libFuzzer on each target for FUZZ_SECONDS, from the checked-in corpus; what it finds new is
# kept in $(FUZZ_BUILD)/corpus-*, a crash as a crash-* file in the current directory.
fuzz: deps
	@command -v clang >/dev/null || { echo "make fuzz: clang (libFuzzer) is not installed" >&2; exit 2; }
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DRAPPORT_FUZZ=ON \
		-DRAPPORT_TESTS=OFF
	cmake --build $(FUZZ_BUILD) -j$(NPROC) --target fuzz_csv fuzz_vcard
	for t in csv vcard; do \
		mkdir -p $(FUZZ_BUILD)/corpus-$$t && \
		$(FUZZ_BUILD)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
			$(FUZZ_BUILD)/corpus-$$t tests/fuzz/corpus/$$t || exit 1; \
	done

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(FUZZ_BUILD)
