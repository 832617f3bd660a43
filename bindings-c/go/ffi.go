package stdwebhooks

// The cgo boundary. Everything Go hands to C is a pointer and a length for the
// duration of one call: the library copies what it keeps (keys) and keeps no
// pointer once a call returns, so no Go pointer ever sits in C memory (the
// cgocheck rule filecoin-ffi #82 ran into).
//
// The static library is built by `make -C bindings-c go-lib` (or `test-go`),
// which copies it to lib/ beside this file. One Rust staticlib per final
// binary: see README.md.

/*
#cgo CFLAGS: -I${SRCDIR}/../include
#cgo linux LDFLAGS: ${SRCDIR}/lib/libstdwebhooks.a -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
#cgo darwin LDFLAGS: ${SRCDIR}/lib/libstdwebhooks.a -framework Security -framework CoreFoundation -liconv -lc -lm
#include <stdlib.h>
#include "stdwebhooks.h"
*/
import "C"

import (
	"unsafe"
)

// bytesArg passes a []byte without copying. unsafe.SliceData is nil for a nil
// slice and never panics on an empty one (unlike &b[0]); the C side accepts
// (NULL, 0) as empty.
func bytesArg(b []byte) (unsafe.Pointer, C.size_t) {
	return unsafe.Pointer(unsafe.SliceData(b)), C.size_t(len(b))
}

// stringArg passes a string's bytes without copying; Go strings are not
// NUL-terminated, so every C parameter here takes an explicit length.
func stringArg(s string) (*C.char, C.size_t) {
	return (*C.char)(unsafe.Pointer(unsafe.StringData(s))), C.size_t(len(s))
}

func statusName(st C.enum_swh_status) string {
	return C.GoString(C.swh_status_str(C.int32_t(st)))
}
