// Receives Cobinar webhooks with Gin. Run: COBINAR_WEBHOOK_SECRET=… go run .
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
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

	gin.SetMode(gin.ReleaseMode)
	router := gin.New()
	router.POST("/webhooks/auth", func(c *gin.Context) {
		// GetRawData, not ShouldBindJSON: the signature is over the exact bytes received.
		// MaxBytesReader caps what is read before hashing: 2 MiB.
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 2*1024*1024)
		raw, err := c.GetRawData()
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			c.String(http.StatusRequestEntityTooLarge, "body too large")
			return
		}
		if err != nil {
			c.String(http.StatusBadRequest, "unreadable body")
			return
		}
		if !VerifyWebhook(raw, c.GetHeader("X-Cobinar-Signature"), secret) {
			c.String(http.StatusUnauthorized, "invalid signature")
			return
		}
		var event delivery // only now, after the signature matched
		if err := json.Unmarshal(raw, &event); err != nil {
			c.String(http.StatusBadRequest, "not JSON")
			return
		}
		if !isFresh(event.CreatedAt) {
			c.String(http.StatusUnauthorized, "stale delivery")
			return
		}
		// Cobinar sends x-cobinar-event-id equal to the body's id. The body's id is signed, the
		// header is not: deduplicate on the body's, so a replay under a new header id is a duplicate.
		if id := c.GetHeader("X-Cobinar-Event-Id"); id != "" && id != event.ID {
			c.String(http.StatusUnauthorized, "event id mismatch")
			return
		}
		if _, duplicate := seenEventIDs.LoadOrStore(event.ID, true); duplicate {
			c.String(http.StatusOK, "duplicate") // already handled: acknowledge, do nothing
			return
		}
		if event.Event == "otp.verified" {
			// e.g. mark the payload's requestId as verified
		} // any other event, the reserved identity.* and application.* included: nothing to do yet
		c.String(http.StatusOK, "ok")
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
	log.Fatal(router.RunListener(listener))
}
