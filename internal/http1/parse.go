package http1

import (
	"strconv"
	"strings"
)

// This file parses a request's header section (request line and header
// fields) with net/http's strictness: what net/http refuses with a 400,
// this parser refuses too.

// protoError is a request the server answers itself, then closes the
// connection.
type protoError struct {
	status int
	text   string // the reason, sent as "<status text>: <text>" like net/http
}

func (e *protoError) Error() string { return "http1: " + e.text }

func badRequest(text string) *protoError { return &protoError{status: 400, text: text} }

// parseHeader fills r from s, a complete header section (request line,
// fields, empty line; lines end with CRLF or LF).
func parseHeader(r *Request, s string) *protoError {
	line, rest := nextLine(s)
	if err := parseRequestLine(r, line); err != nil {
		return err
	}
	hosts := 0
	var cl string
	haveCL := false
	te := 0
	var teValue string
	for {
		line, rest = nextLine(rest)
		if line == "" {
			// s must end with the empty line: a section cut at a later
			// CRLFCRLF (headers ended by a bare LF, a body holding
			// CRLFCRLF) would take body bytes for header bytes.
			if rest != "" {
				return badRequest("malformed MIME header: bare LF ends the header section")
			}
			break
		}
		if line[0] == ' ' || line[0] == '\t' {
			// obs-fold: RFC 9112 lets a server refuse it with a 400.
			return badRequest("malformed MIME header: obsolete line folding")
		}
		colon := strings.IndexByte(line, ':')
		if colon <= 0 {
			return badRequest("malformed MIME header line")
		}
		name := line[:colon]
		if !validToken(name) {
			return badRequest("invalid header name")
		}
		value := trimOWS(line[colon+1:])
		if !validValue(value) {
			return badRequest("invalid header value")
		}
		r.fields = append(r.fields, field{name: name, value: value})

		// The fields the connection itself acts on.
		switch len(name) {
		case 4:
			if strings.EqualFold(name, "Host") {
				hosts++
				if r.Host == "" {
					r.Host = value
				}
			}
		case 6:
			if strings.EqualFold(name, "Expect") {
				if !strings.EqualFold(value, "100-continue") {
					return &protoError{status: 417, text: "unsupported Expect"}
				}
				r.expectCont = true
			}
		case 10:
			if strings.EqualFold(name, "Connection") {
				if hasToken(value, "close") {
					r.closeWanted = true
				}
				if hasToken(value, "keep-alive") {
					r.keepAlive10 = true
				}
			}
		case 14:
			if strings.EqualFold(name, "Content-Length") {
				if haveCL && value != cl {
					return badRequest("message cannot contain multiple Content-Length headers")
				}
				cl, haveCL = value, true
			}
		case 17:
			if strings.EqualFold(name, "Transfer-Encoding") {
				te++
				teValue = value
			}
		}
	}
	if r.ProtoMinor >= 1 && hosts == 0 {
		return badRequest("missing required Host header")
	}
	if hosts > 1 {
		return badRequest("too many Host headers")
	}
	if !validHost(r.Host) {
		return badRequest("malformed Host header")
	}
	if r.ProtoMinor == 0 {
		r.closeWanted = !r.keepAlive10
		te = 0 // ignored on HTTP/1.0 requests, as net/http does
	} else {
		r.keepAlive10 = false
	}
	if te > 0 {
		if te > 1 || !strings.EqualFold(teValue, "chunked") {
			return &protoError{status: 501, text: "unsupported transfer encoding"}
		}
		r.chunked = true
		// The chunked coding wins over any Content-Length, and the
		// connection is closed after the answer (RFC 9112 6.1: such a
		// request may be an attempt at request smuggling).
		if haveCL {
			r.closeWanted = true
		}
		return nil
	}
	if haveCL {
		n, err := strconv.ParseUint(cl, 10, 63)
		if err != nil { // also "" and a sign, which ParseUint refuses
			return badRequest("bad Content-Length")
		}
		r.contentLength = int64(n)
	}
	return nil
}

// parseRequestLine parses "METHOD SP target SP HTTP/1.x".
func parseRequestLine(r *Request, line string) *protoError {
	method, rest, ok1 := strings.Cut(line, " ")
	target, proto, ok2 := strings.Cut(rest, " ")
	if !ok1 || !ok2 || !validToken(method) {
		return badRequest("malformed HTTP request")
	}
	switch proto {
	case "HTTP/1.1":
		r.ProtoMinor = 1
	case "HTTP/1.0":
		r.ProtoMinor = 0
	default:
		if len(proto) == 8 && strings.HasPrefix(proto, "HTTP/") && proto[6] == '.' &&
			isDigit(proto[5]) && isDigit(proto[7]) {
			return &protoError{status: 505, text: "unsupported protocol version"}
		}
		return badRequest("malformed HTTP version")
	}
	if !validTarget(target) {
		return badRequest("malformed HTTP request")
	}
	r.Method, r.Target = method, target
	switch {
	case target[0] == '/':
		r.Path = cutQuery(target)
	case target == "*":
	default: // absolute-form: scheme://authority/path?query
		_, after, _ := strings.Cut(target, "://")
		host, path := after, "/"
		if i := strings.IndexByte(after, '/'); i >= 0 {
			host, path = after[:i], after[i:]
		} else if i := strings.IndexByte(after, '?'); i >= 0 {
			host = after[:i]
		}
		r.Host = host
		r.Path = cutQuery(path)
	}
	return nil
}

// nextLine returns s's first line without its line ending, and the rest.
func nextLine(s string) (line, rest string) {
	i := strings.IndexByte(s, '\n')
	if i < 0 {
		return s, ""
	}
	line, rest = s[:i], s[i+1:]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, rest
}

func cutQuery(p string) string {
	if i := strings.IndexByte(p, '?'); i >= 0 {
		return p[:i]
	}
	return p
}

// validTarget accepts the request-target forms a server sees: origin-form
// ("/..."), asterisk-form ("*") and absolute-form ("scheme://..."), with no
// control characters or spaces.
func validTarget(t string) bool {
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; c <= ' ' || c == 0x7f {
			return false
		}
	}
	if t[0] == '/' || t == "*" {
		return true
	}
	scheme, _, ok := strings.Cut(t, "://")
	return ok && validToken(scheme)
}

// validHost refuses a Host with bytes net/http refuses (controls, spaces
// and a few delimiters).
func validHost(h string) bool {
	for i := 0; i < len(h); i++ {
		switch c := h[i]; {
		case c <= ' ' || c == 0x7f, c == '"', c == '<', c == '>', c == '\\', c == '^', c == '`', c == '{', c == '|', c == '}':
			return false
		}
	}
	return true
}

// tokenChars marks the bytes allowed in an RFC 9110 token (method, header
// name).
var tokenChars = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = true, true
	}
	for _, c := range "!#$%&'*+-.^_`|~" {
		t[c] = true
	}
	return t
}()

func validToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !tokenChars[s[i]] {
			return false
		}
	}
	return true
}

// validValue refuses control characters other than HTAB, as net/http does.
// Values are checked eight bytes at a time (a request's header values are
// most of its header section): a word with no byte below 0x20 and none
// equal to 0x7f is valid as a whole; only a word that has one (a tab,
// usually) is looked at byte by byte.
func validValue(v string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(v); i += 8 {
		x := uint64(v[i]) | uint64(v[i+1])<<8 | uint64(v[i+2])<<16 | uint64(v[i+3])<<24 |
			uint64(v[i+4])<<32 | uint64(v[i+5])<<40 | uint64(v[i+6])<<48 | uint64(v[i+7])<<56
		del := x ^ (ones * 0x7f)
		if (x-ones*0x20)&^x&highs != 0 || (del-ones)&^del&highs != 0 {
			if !validValueBytes(v[i : i+8]) {
				return false
			}
		}
	}
	return validValueBytes(v[i:])
}

func validValueBytes(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

func trimOWS(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}

// hasToken reports whether the comma-separated list v holds token
// (case-insensitive).
func hasToken(v, token string) bool {
	for part := range strings.SplitSeq(v, ",") {
		if strings.EqualFold(trimOWS(part), token) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
