package launch

import (
	"bytes"
	"strings"
	"sync"
)

// Recorder keeps every byte a plugin wrote to one of its standard streams, so checks can assert on the
// stream as a whole after the fact (e.g. "stdout carried the handshake line and nothing else").
type Recorder struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write implements io.Writer; it never fails so it cannot disturb the stream it observes.
func (r *Recorder) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.buf.Write(p)
}

// String returns everything recorded so far.
func (r *Recorder) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.buf.String()
}

// Lines returns the recorded output split into lines, without the trailing empty line a final newline makes.
func (r *Recorder) Lines() []string {
	text := strings.TrimSuffix(r.String(), "\n")
	if text == "" {
		return nil
	}
	return strings.Split(text, "\n")
}
