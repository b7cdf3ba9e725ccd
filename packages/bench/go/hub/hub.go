// A chat hub in Go, for `pnpm bench chat` to measure lesson 07's hub against.
//
// The design is gorilla/websocket's examples/chat (hub.go and client.go),
// which seed 004 ports: one Hub goroutine owns the set of clients and is fed
// by three channels (register, unregister, broadcast); each Client has a
// readPump goroutine, a writePump goroutine and a send channel of 256
// messages, and a client whose channel is full is evicted.
//
// It speaks lesson 07's protocol as far as the bench needs: a WebSocket at
// /ws?name=, and every text message broadcast to everyone as 07's JSON
// envelope {"type":"message","from","text","at","online"}, encoded once per
// message. Joins, leaves and the welcome are left out: the bench counts only
// the sender's messages.
//
// WRITE_MODE chooses how the writePump writes:
//
//	seed        one WriteMessage per message per client, as seed 004's
//	            simplified port does: one frame, one write, one system call.
//	coalescing  gorilla's example as written: everything already queued goes
//	            into one NextWriter frame, the envelopes joined by newlines
//	            (a client must split the frame on '\n').
//
// PORT (default 8080, 0 for any) and HOST (default 127.0.0.1) as our servers;
// it prints `listening on http://HOST:PORT/` once it listens.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/gorilla/websocket"
)

const (
	// gorilla's values: how long a write may take, how long to wait for a
	// pong, and how often to ping (less than pongWait).
	writeWait  = 10 * time.Second
	pongWait   = 60 * time.Second
	pingPeriod = (pongWait * 9) / 10

	// The largest message a client may send, as the bench sets lesson 07's
	// MAX_MESSAGE_BYTES.
	maxMessageSize = 512

	// Messages a client's send channel holds before the hub evicts it
	// (gorilla's 256, and lesson 07's send queue limit).
	sendQueueLength = 256
)

var newline = []byte{'\n'}

// envelope is lesson 07's ChatEvent of type "message" (07-chat/src/messages.ts).
type envelope struct {
	Type   string `json:"type"`
	From   string `json:"from"`
	Text   string `json:"text"`
	At     int64  `json:"at"`
	Online int    `json:"online"`
}

// chatMessage is what a readPump hands the hub: who said it, and what.
type chatMessage struct {
	from string
	text []byte
}

type Hub struct {
	clients    map[*Client]bool
	broadcast  chan chatMessage
	register   chan *Client
	unregister chan *Client
}

func (h *Hub) run() {
	for {
		select {
		case client := <-h.register:
			h.clients[client] = true
		case client := <-h.unregister:
			if _, ok := h.clients[client]; ok {
				delete(h.clients, client)
				close(client.send)
			}
		case message := <-h.broadcast:
			// Encoded once; every client's channel gets the same bytes.
			encoded, err := json.Marshal(envelope{
				Type:   "message",
				From:   message.from,
				Text:   string(message.text),
				At:     time.Now().UnixMilli(),
				Online: len(h.clients),
			})
			if err != nil {
				log.Printf("encode: %v", err)
				continue
			}
			for client := range h.clients {
				select {
				case client.send <- encoded:
				default:
					// The channel is full: the client is too slow, evict it.
					close(client.send)
					delete(h.clients, client)
				}
			}
		}
	}
}

type Client struct {
	hub  *Hub
	conn *websocket.Conn
	name string
	send chan []byte
}

// readPump hands each message the client sends to the hub, trimmed.
func (c *Client) readPump() {
	defer func() {
		c.hub.unregister <- c
		c.conn.Close()
	}()
	c.conn.SetReadLimit(maxMessageSize)
	c.conn.SetReadDeadline(time.Now().Add(pongWait))
	c.conn.SetPongHandler(func(string) error {
		return c.conn.SetReadDeadline(time.Now().Add(pongWait))
	})
	for {
		_, text, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		c.hub.broadcast <- chatMessage{from: c.name, text: bytes.TrimSpace(text)}
	}
}

// writePump is the only writer of the connection: the queued messages, and a
// ping every pingPeriod. `write` is the design under test.
func (c *Client) writePump(write func(c *Client, message []byte) error) {
	ticker := time.NewTicker(pingPeriod)
	defer func() {
		ticker.Stop()
		c.conn.Close()
	}()
	for {
		select {
		case message, ok := <-c.send:
			c.conn.SetWriteDeadline(time.Now().Add(writeWait))
			if !ok {
				// The hub closed the channel: an eviction.
				c.conn.WriteMessage(websocket.CloseMessage, []byte{})
				return
			}
			if err := write(c, message); err != nil {
				return
			}
		case <-ticker.C:
			c.conn.SetWriteDeadline(time.Now().Add(writeWait))
			if err := c.conn.WriteMessage(websocket.PingMessage, nil); err != nil {
				return
			}
		}
	}
}

// writeEach: seed 004's design, one frame and one write per message.
func writeEach(c *Client, message []byte) error {
	return c.conn.WriteMessage(websocket.TextMessage, message)
}

// writeCoalesced: gorilla's design, the message and everything queued behind
// it in one frame, joined by newlines.
func writeCoalesced(c *Client, message []byte) error {
	w, err := c.conn.NextWriter(websocket.TextMessage)
	if err != nil {
		return err
	}
	w.Write(message)
	queued := len(c.send)
	for i := 0; i < queued; i++ {
		w.Write(newline)
		w.Write(<-c.send)
	}
	return w.Close()
}

func env(name, fallback string) string {
	if value, ok := os.LookupEnv(name); ok && value != "" {
		return value
	}
	return fallback
}

func main() {
	mode := env("WRITE_MODE", "seed")
	writes := map[string]func(*Client, []byte) error{"seed": writeEach, "coalescing": writeCoalesced}
	write, known := writes[mode]
	if !known {
		fmt.Fprintf(os.Stderr, "WRITE_MODE must be seed or coalescing, not %q\n", mode)
		os.Exit(1)
	}
	hub := &Hub{
		clients:    make(map[*Client]bool),
		broadcast:  make(chan chatMessage),
		register:   make(chan *Client),
		unregister: make(chan *Client),
	}
	go hub.run()

	// Every origin is allowed: the bench's clients send none.
	upgrader := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	http.HandleFunc("/ws", func(w http.ResponseWriter, r *http.Request) {
		conn, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			return // the upgrader has answered with an HTTP error
		}
		name := r.URL.Query().Get("name")
		if name == "" {
			name = "guest"
		}
		client := &Client{hub: hub, conn: conn, name: name, send: make(chan []byte, sendQueueLength)}
		hub.register <- client
		go client.writePump(write)
		go client.readPump()
	})

	listener, err := net.Listen("tcp", net.JoinHostPort(env("HOST", "127.0.0.1"), env("PORT", "8080")))
	if err != nil {
		fmt.Fprintf(os.Stderr, "cannot listen: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("listening on http://%s/ (go hub, %s writes)\n", listener.Addr(), mode)

	// Ctrl+C or the bench's stop: exit 0, as our servers do.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-stop
		os.Exit(0)
	}()
	log.Fatal(http.Serve(listener, nil))
}
