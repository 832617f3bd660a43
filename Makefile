# Every command CI runs is a target here; `.ci/run` calls `make test`.
# Each binding owns a Makefile of its own with `test` (and `demo` where it has one).

CARGO ?= cargo
export CARGO_TERM_COLOR ?= never

.PHONY: help test demo lint test-core test-cli test-python test-node test-c test-go bench-smoke

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort

test: lint test-core test-cli test-python test-node test-c test-go test-fuzz bench-smoke ## every test in every language (what CI runs)

demo: ## the main job: build the wheel, install it in a fresh venv, verify a signed API Gateway event with the Lambda handler
	$(MAKE) -C bindings-python demo

lint: ## rustfmt and clippy over the whole workspace
	$(CARGO) --version && $(CARGO) fmt --version && $(CARGO) clippy --version
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

test-core: ## the core's unit, vector and property tests
	$(CARGO) test -p stdwebhooks

test-cli: ## the command-line tool
	$(CARGO) test -p stdwebhooks-cli

test-python: ## build the wheel, install it, run pytest
	$(MAKE) -C bindings-python test

test-node: ## build the addon, npm pack + install, run node --test
	$(MAKE) -C bindings-node test

test-c: ## the C library: header check, vectors, valgrind
	$(MAKE) -C bindings-c test

test-go: ## the Go package over the C library, go test -race
	$(MAKE) -C bindings-c test-go

test-fuzz: ## each fuzz target for a bounded time (proptest where cargo-fuzz cannot run)
	$(MAKE) -C fuzz smoke

bench-smoke: ## a seconds-long run of every benchmark, so they never rot
	$(MAKE) -C bench smoke
