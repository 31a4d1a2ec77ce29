// Receives Cobinar webhooks with net/http. Run: COBINAR_WEBHOOK_SECRET=… go run .
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"sync"
	"time"
)

type delivery struct {
	ID        string          `json:"id"`
	Event     string          `json:"event"`
	CreatedAt string          `json:"createdAt"`
	Payload   json.RawMessage `json:"payload"`
}

// VerifyWebhook reports whether header is Cobinar's signature of body under secret. hmac.Equal
// runs in constant time and is false on a length difference.
func VerifyWebhook(body []byte, header string, secret string) bool {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	expected := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(expected), []byte(header))
}

// isFresh reports whether createdAt is within 5 minutes of now. Neither x-cobinar-timestamp nor
// x-cobinar-event-id is signed, but the body's createdAt is: a delivery signed longer ago (or
// ahead) is a captured one replayed, or a clock is wrong.
func isFresh(createdAt string) bool {
	signedAt, err := time.Parse(time.RFC3339, createdAt) // fractional seconds are read too
	if err != nil {
		return false
	}
	age := time.Since(signedAt)
	return age <= 5*time.Minute && age >= -5*time.Minute
}

func main() {
	secret := os.Getenv("COBINAR_WEBHOOK_SECRET")
	if len(secret) == 0 {
		log.Fatal("set COBINAR_WEBHOOK_SECRET to your application's webhook secret")
	}
	// The body's ids already handled (a retry carries the same one): in production keep these in
	// your database, with a unique key on the id. LoadOrStore checks and adds in one step.
	var seenEventIDs sync.Map

	http.HandleFunc("/webhooks/auth", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		// The exact bytes received, at most 2 MiB: MaxBytesReader caps what is read before hashing.
		raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 2*1024*1024))
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
			return
		}
		if err != nil {
			http.Error(w, "unreadable body", http.StatusBadRequest)
			return
		}
		if !VerifyWebhook(raw, r.Header.Get("X-Cobinar-Signature"), secret) {
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		var event delivery // only now, after the signature matched
		if err := json.Unmarshal(raw, &event); err != nil {
			http.Error(w, "not JSON", http.StatusBadRequest)
			return
		}
		if !isFresh(event.CreatedAt) {
			http.Error(w, "stale delivery", http.StatusUnauthorized)
			return
		}
		// Cobinar sends x-cobinar-event-id equal to the body's id. The body's id is signed, the
		// header is not: deduplicate on the body's, so a replay under a new header id is a duplicate.
		if id := r.Header.Get("X-Cobinar-Event-Id"); id != "" && id != event.ID {
			http.Error(w, "event id mismatch", http.StatusUnauthorized)
			return
		}
		if _, duplicate := seenEventIDs.LoadOrStore(event.ID, true); duplicate {
			io.WriteString(w, "duplicate") // already handled: acknowledge, do nothing
			return
		}
		if event.Event == "otp.verified" {
			// e.g. mark the payload's requestId as verified
		} // any other event, the reserved identity.* and application.* included: nothing to do yet
		io.WriteString(w, "ok")
	})

	port := os.Getenv("PORT")
	if port == "" {
		port = "3000"
	}
	listener, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("listening on http://%s/webhooks/auth", listener.Addr())
	log.Fatal(http.Serve(listener, nil))
}
