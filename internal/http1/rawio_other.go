//go:build !unix

package http1

import (
	"io"
	"net"
)

// rawIO is unix-only (see rawio.go); elsewhere connections use net.Conn.
type rawIO struct{ io.ReadWriter }

func newRawIO(net.Conn) *rawIO { return nil }
