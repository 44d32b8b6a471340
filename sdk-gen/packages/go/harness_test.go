package easychat_test

// Test harness for the live tests that take the network or the server away: a TCP proxy that can
// cut a client off, and a server process of the test's own that can be SIGKILLed and restarted.

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/backoff"

	easychat "easychat.dev/sdk/go"
)

// fastBackoff keeps the tests' reconnects quick.
var fastBackoff = easychat.Backoff{Initial: 100 * time.Millisecond, Max: time.Second}

// dialAt is dial for another address. gRPC's own reconnect backoff is shortened (its default
// grows to two minutes), so that the session gets back soon after a long cut.
func dialAt(t *testing.T, addr string) *easychat.Client {
	t.Helper()
	client, err := easychat.Dial(addr, grpc.WithConnectParams(grpc.ConnectParams{
		Backoff:           backoff.Config{BaseDelay: 50 * time.Millisecond, Multiplier: 1.6, Jitter: 0.2, MaxDelay: time.Second},
		MinConnectTimeout: 5 * time.Second,
	}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

// waitAway waits until session is not connected: its stream is gone, so nothing reaches it
// until it reconnects.
func waitAway(t *testing.T, session *easychat.Session, who string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), eventTimeout)
	defer cancel()
	if _, err := session.WaitState(ctx, func(s easychat.State) bool { return s != easychat.StateConnected }); err != nil {
		t.Fatalf("%s's session did not notice it was cut off: %v (state %v)", who, err, session.State())
	}
}

// tcpProxy forwards connections to a server. cut takes the network away: it closes every
// connection it carries and refuses new ones (accepts and closes them at once) until restore.
type tcpProxy struct {
	listener net.Listener
	target   string

	mu    sync.Mutex
	down  bool
	conns map[net.Conn]struct{}
}

func newTCPProxy(t *testing.T, target string) *tcpProxy {
	t.Helper()
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &tcpProxy{listener: listener, target: target, conns: map[net.Conn]struct{}{}}
	go p.accept()
	t.Cleanup(func() {
		listener.Close()
		p.cut()
	})
	return p
}

func (p *tcpProxy) Addr() string { return p.listener.Addr().String() }

func (p *tcpProxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = true
	for conn := range p.conns {
		conn.Close()
	}
	clear(p.conns)
}

func (p *tcpProxy) restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = false
}

func (p *tcpProxy) accept() {
	for {
		client, err := p.listener.Accept()
		if err != nil {
			return // closed
		}
		go p.forward(client)
	}
}

func (p *tcpProxy) forward(client net.Conn) {
	p.mu.Lock()
	down := p.down
	p.mu.Unlock()
	if down {
		client.Close()
		return
	}
	server, err := net.DialTimeout("tcp", p.target, 5*time.Second)
	if err != nil {
		client.Close()
		return
	}
	p.mu.Lock()
	if p.down { // cut while dialing
		p.mu.Unlock()
		client.Close()
		server.Close()
		return
	}
	p.conns[client], p.conns[server] = struct{}{}, struct{}{}
	p.mu.Unlock()

	var once sync.Once
	closeBoth := func() {
		once.Do(func() {
			client.Close()
			server.Close()
			p.mu.Lock()
			delete(p.conns, client)
			delete(p.conns, server)
			p.mu.Unlock()
		})
	}
	go func() { _, _ = io.Copy(server, client); closeBoth() }()
	go func() { _, _ = io.Copy(client, server); closeBoth() }()
}

// serverProcess is an `easychat serve` of the test's own (EASYCHAT_BIN, which sdk-gen/test-all
// exports), on a port and a data directory that stay the same across kill and start.
type serverProcess struct {
	t       *testing.T
	bin     string
	addr    string
	dataDir string
	logPath string
	cmd     *exec.Cmd
	exited  chan struct{}
}

func startServerProcess(t *testing.T) *serverProcess {
	t.Helper()
	bin := os.Getenv("EASYCHAT_BIN")
	if bin == "" {
		t.Fatal("EASYCHAT_BIN is not set: run sdk-gen/test-all, or export the path of an easychat server binary")
	}
	// A free port: taken and given back, then used for every start of this server.
	probe, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := probe.Addr().String()
	probe.Close()
	s := &serverProcess{t: t, bin: bin, addr: addr, dataDir: t.TempDir(), logPath: filepath.Join(t.TempDir(), "server.log")}
	if err := os.Chmod(s.dataDir, 0o700); err != nil { // the server warns about a data directory others can read
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.kill()
		if t.Failed() {
			log, _ := os.ReadFile(s.logPath)
			lines := strings.Split(strings.TrimSpace(string(log)), "\n")
			t.Logf("server log (tail):\n%s", strings.Join(lines[max(0, len(lines)-40):], "\n"))
		}
	})
	s.start()
	return s
}

// start runs the server and waits until it accepts connections.
func (s *serverProcess) start() {
	s.t.Helper()
	log, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		s.t.Fatal(err)
	}
	defer log.Close()
	cmd := exec.Command(s.bin, "serve", "--listen", s.addr, "--no-gateway", "--data-dir", s.dataDir)
	// No registration limit (the tests register from one address), and a message rate limit
	// that a test sending as fast as it can stays under.
	cmd.Env = append(os.Environ(), "EASYCHAT_LIMITS__REGISTRATIONS_PER_ADDRESS_PER_MINUTE=0",
		"EASYCHAT_LIMITS__MESSAGES_PER_SECOND=10000", "EASYCHAT_LIMITS__MESSAGE_BURST=10000")
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("start %s: %v", s.bin, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	s.cmd, s.exited = cmd, exited

	deadline := time.Now().Add(60 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", s.addr, time.Second)
		if err == nil {
			conn.Close()
			return
		}
		select {
		case <-exited:
			s.t.Fatalf("the server exited at start (%v); see the server log", cmd.ProcessState)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the server does not listen on %s: %v", s.addr, err)
		}
	}
}

// kill SIGKILLs the server, no shutdown of any kind, and waits until it is gone.
func (s *serverProcess) kill() {
	if s.cmd == nil {
		return
	}
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
		s.t.Errorf("kill the server: %v", err)
	}
	<-s.exited
	s.cmd = nil
}
