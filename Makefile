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

TORTURE_CYCLES ?= 1000

PREFIX ?= /usr/local

.PHONY: all deps test run format format-check bench clean fuzz torture install lint

all: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DRAPPORT_TESTS=OFF
	cmake --build $(BUILD) -j$(NPROC)

deps:
	scripts/deps

test:
	scripts/deps --pg
	cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DRAPPORT_SANITIZE=ON \
		-DRAPPORT_TESTS=ON
	cmake --build $(TEST_BUILD) -j$(NPROC)
	ctest --test-dir $(TEST_BUILD) --output-on-failure -j2

# cppcheck and clang-tidy over src/ (scripts/lint); clang-tidy takes minutes, so make test
# runs cppcheck and format-check only.
lint:
	scripts/deps --lint
	cmake -S . -B $(TEST_BUILD) -DCMAKE_BUILD_TYPE=Debug -DRAPPORT_SANITIZE=ON \
		-DRAPPORT_TESTS=ON
	scripts/lint $(TEST_BUILD)

# Each fuzz target under libFuzzer for FUZZ_SECONDS; a crash is saved into its corpus.
fuzz:
	scripts/deps --fuzz
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=Debug -DRAPPORT_FUZZ=ON \
		-DRAPPORT_TESTS=ON
	cmake --build $(FUZZ_BUILD) -j$(NPROC) --target fuzz_numbers fuzz_dates fuzz_json \
		fuzz_query fuzz_path fuzz_csv fuzz_vcard
	tests/fuzz/run $(FUZZ_BUILD) $(FUZZ_SECONDS)

# The long crash loop: TORTURE_CYCLES kill -9 cycles against the server and the CLI.
torture: test
	CRASH_CYCLES=$(TORTURE_CYCLES) RAPPORT_BIN=$(TEST_BUILD)/rapport /usr/bin/python3 \
		tests/crash/crash.py
	for seed in $$(seq 1 40); do \
		/usr/bin/python3 tests/sim/agenda_sim.py $(TEST_BUILD)/rapport $$seed 180 || exit 1; \
	done

run: all
	scripts/demo $(BUILD)/rapport

# rapport and rapport-server into $(DESTDIR)$(PREFIX)/bin, the manual page and completions
# beside them: make install PREFIX=$$HOME/.local
install: all
	cmake --install $(BUILD) --prefix $(PREFIX)

format:
	$(FORMAT) -i {} +

format-check:
	$(FORMAT) --dry-run --Werror {} +

bench: all
	scripts/deps --bench
	bench/run

clean:
	rm -rf $(BUILD) $(TEST_BUILD) $(FUZZ_BUILD)
