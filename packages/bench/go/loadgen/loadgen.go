// A load generator in Go for `pnpm bench chat`: it opens chat clients with
// gorilla/websocket, one goroutine per connection, and counts the sender's
// messages that reach them. It does what src/chat-worker.ts does, and speaks
// the same protocol (src/chat-protocol.ts), one JSON line per command on
// stdin and one per answer on stdout:
//
//	{"type":"connect","url":"ws://…/ws","clients":N}  → {"type":"connected","clients":N}
//	{"type":"expect","messages":M}                    → {"type":"expecting"}
//	{"type":"report"}                                  → {"type":"report",…}
//	{"type":"close"}                                   → exits
//
// A report also goes out by itself once every client has received M
// messages. Why Go: at burst rates the hub delivers hundreds of thousands of
// messages a second, and the figures were taken with a Go load
// generator on the other core; gorilla's reader, on goroutines, reads them
// with less CPU than one Node process can (see the bench README).
//
// A frame may hold several envelopes joined by newlines (the Go hub's
// coalescing design), so each frame is split on '\n' and every envelope is
// counted.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

const (
	// Handshakes at once: thousands together overflow the listen backlog
	// (chat-worker.ts's connectBatch).
	connectBatch = 250

	// src/histogram.ts's buckets: 0.1 ms (100 µs) each, up to 60 s, so the
	// parent adds these counts to the Node workers' as they are.
	bucketMicros = 100
	buckets      = 600_000
)

// The sender's text inside the envelope: `"text":"bench <seq> <µs since 1970> xxx…"`.
var benchMarker = []byte(`"text":"bench `)

type command struct {
	Type     string `json:"type"`
	URL      string `json:"url"`
	Clients  int    `json:"clients"`
	Messages int64  `json:"messages"`
}

type report struct {
	Type           string     `json:"type"`
	Received       int64      `json:"received"`
	OutOfOrder     int64      `json:"outOfOrder"`
	ClosedByServer int64      `json:"closedByServer"`
	LastArrivalAt  float64    `json:"lastArrivalAt"`
	Latency        [][2]int64 `json:"latency"`
}

// The counters of the current phase, shared by every client's goroutine.
var (
	histogram      = make([]uint32, buckets)
	received       atomic.Int64
	outOfOrder     atomic.Int64
	closedByServer atomic.Int64
	lastArrival    atomic.Int64 // µs since 1970
	target         atomic.Int64
	// Bumped by each "expect": a client that sees a new phase forgets the
	// sequence number it expected, since each phase numbers from 0 again.
	phase   atomic.Int64
	closing atomic.Bool
	out     = json.NewEncoder(os.Stdout)
	outLock sync.Mutex
)

func answer(value any) {
	outLock.Lock()
	defer outLock.Unlock()
	out.Encode(value)
}

func sendReport() {
	sparse := [][2]int64{}
	for index := range histogram {
		if count := atomic.LoadUint32(&histogram[index]); count > 0 {
			sparse = append(sparse, [2]int64{int64(index), int64(count)})
		}
	}
	answer(report{
		Type:           "report",
		Received:       received.Load(),
		OutOfOrder:     outOfOrder.Load(),
		ClosedByServer: closedByServer.Load(),
		LastArrivalAt:  float64(lastArrival.Load()) / 1000,
		Latency:        sparse,
	})
}

// parseStamp reads `<seq> <µs>` after the marker, digit by digit.
func parseStamp(envelope []byte) (seq int64, sentAt int64, ok bool) {
	at := bytes.Index(envelope, benchMarker)
	if at == -1 {
		return 0, 0, false
	}
	i := at + len(benchMarker)
	for ; i < len(envelope) && envelope[i] != ' '; i++ {
		seq = seq*10 + int64(envelope[i]-'0')
	}
	for i++; i < len(envelope) && envelope[i] != ' '; i++ {
		sentAt = sentAt*10 + int64(envelope[i]-'0')
	}
	return seq, sentAt, true
}

func record(seq, sentAt int64, expectedSeq *int64) {
	now := time.Now().UnixMicro()
	bucket := (now - sentAt) / bucketMicros
	if bucket < 0 {
		bucket = 0
	} else if bucket >= buckets {
		bucket = buckets - 1
	}
	atomic.AddUint32(&histogram[bucket], 1)
	for {
		last := lastArrival.Load()
		if now <= last || lastArrival.CompareAndSwap(last, now) {
			break
		}
	}
	if *expectedSeq != -1 && seq != *expectedSeq {
		outOfOrder.Add(1)
	}
	*expectedSeq = seq + 1
	if received.Add(1) == target.Load() {
		sendReport()
	}
}

// readClient is one client's goroutine: it reads until the connection ends.
// gorilla answers the hub's pings while it reads.
func readClient(conn *websocket.Conn) {
	defer conn.Close()
	expectedSeq := int64(-1)
	myPhase := phase.Load()
	for {
		_, frame, err := conn.ReadMessage()
		if err != nil {
			if !closing.Load() {
				closedByServer.Add(1)
			}
			return
		}
		if current := phase.Load(); current != myPhase {
			myPhase, expectedSeq = current, -1
		}
		for _, envelope := range bytes.Split(frame, []byte{'\n'}) {
			if seq, sentAt, ok := parseStamp(envelope); ok {
				record(seq, sentAt, &expectedSeq)
			}
		}
	}
}

func connect(url string, clients int) (int, error) {
	opened := 0
	for opened < clients {
		batch := connectBatch
		if clients-opened < batch {
			batch = clients - opened
		}
		conns := make([]*websocket.Conn, batch)
		errs := make([]error, batch)
		var wg sync.WaitGroup
		for i := 0; i < batch; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				conns[i], _, errs[i] = websocket.DefaultDialer.Dial(url, nil)
			}(i)
		}
		wg.Wait()
		for i, conn := range conns {
			if errs[i] != nil {
				return opened, errs[i]
			}
			go readClient(conn)
			opened++
		}
	}
	return opened, nil
}

func main() {
	lines := bufio.NewScanner(os.Stdin)
	clients := 0
	for lines.Scan() {
		var c command
		if err := json.Unmarshal(lines.Bytes(), &c); err != nil {
			fmt.Fprintf(os.Stderr, "loadgen: not a command: %q\n", lines.Text())
			os.Exit(1)
		}
		switch c.Type {
		case "connect":
			opened, err := connect(c.URL, c.Clients)
			if err != nil {
				fmt.Fprintf(os.Stderr, "loadgen: connecting client %d: %v\n", clients+opened+1, err)
				os.Exit(1)
			}
			clients += opened
			answer(map[string]any{"type": "connected", "clients": clients})
		case "expect":
			for index := range histogram {
				atomic.StoreUint32(&histogram[index], 0)
			}
			received.Store(0)
			outOfOrder.Store(0)
			target.Store(c.Messages * int64(clients))
			phase.Add(1)
			answer(map[string]any{"type": "expecting"})
		case "report":
			sendReport()
		case "close":
			closing.Store(true)
			os.Exit(0)
		}
	}
	// stdin closed: the parent has gone.
	closing.Store(true)
}
