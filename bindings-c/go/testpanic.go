//go:build swh_testpanic

package stdwebhooks

// Only with `-tags swh_testpanic` and a library built with the cargo feature
// `test-panic` (what `make test-go` does): cgo is not allowed in _test.go files.

/*
#include "stdwebhooks.h"
extern enum swh_status swh_test_panic(void);
*/
import "C"

// forcePanic makes the library panic inside its FFI boundary and returns the result.
func forcePanic() error {
	return statusError(C.swh_test_panic(), "")
}
