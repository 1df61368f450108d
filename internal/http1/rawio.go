//go:build unix

package http1

import (
	"io"
	"net"
	"os"
	"syscall"
	"unsafe"
)

// rawIO reads and writes a TCP connection with raw read and write system
// calls on its non-blocking socket, instead of net.Conn's Read and Write.
//
// Why: net.Conn's system calls go through the runtime's entersyscall,
// which wakes the sysmon thread whenever every P was idle — that is, at the
// first system call of every request on a server answering one request at
// a time. The woken sysmon then polls every 20 µs until the process is
// idle again. On a 2-CPU machine this was a fifth of a do-nothing server's
// CPU per request. Reads and writes on a non-blocking socket never block
// (EAGAIN hands the wait to the netpoller through syscall.RawConn, exactly
// as net.Conn does), so the scheduler has nothing to take over and raw
// system calls are safe. Deadlines and Close work as for net.Conn: the
// RawConn waits honour them.
type rawIO struct {
	rc syscall.RawConn
}

// newRawIO returns a rawIO for c when it is a TCP connection, else nil (and
// always nil under the race detector, see race_on.go).
func newRawIO(c net.Conn) *rawIO {
	if raceEnabled {
		return nil
	}
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return nil
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return nil
	}
	return &rawIO{rc: rc}
}

func (r *rawIO) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	var n int
	var errno syscall.Errno
	err := r.rc.Read(func(fd uintptr) bool {
		for {
			m, _, e := syscall.RawSyscall(syscall.SYS_READ, fd, uintptr(unsafe.Pointer(&p[0])), uintptr(len(p)))
			switch e {
			case syscall.EINTR:
				continue
			case syscall.EAGAIN:
				return false // wait until readable
			}
			n, errno = int(m), e
			return true
		}
	})
	switch {
	case err != nil:
		return 0, err
	case errno != 0:
		return 0, os.NewSyscallError("read", errno)
	case n == 0:
		return 0, io.EOF
	}
	return n, nil
}

func (r *rawIO) Write(p []byte) (int, error) {
	written := 0
	var errno syscall.Errno
	err := r.rc.Write(func(fd uintptr) bool {
		for written < len(p) {
			rest := p[written:]
			m, _, e := syscall.RawSyscall(syscall.SYS_WRITE, fd, uintptr(unsafe.Pointer(&rest[0])), uintptr(len(rest)))
			switch e {
			case 0:
				written += int(m)
			case syscall.EINTR:
			case syscall.EAGAIN:
				return false // wait until writable
			default:
				errno = e
				return true
			}
		}
		return true
	})
	if err == nil && errno != 0 {
		err = os.NewSyscallError("write", errno)
	}
	return written, err
}
