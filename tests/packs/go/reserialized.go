// Broken on purpose: hashes the body compacted by encoding/json (whitespace removed).
// expect-failure: rejects-reserialized-pretty
package verify

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

func VerifyWebhook(body []byte, header string, secret string) bool {
	var compact bytes.Buffer
	if err := json.Compact(&compact, body); err != nil {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(compact.Bytes())
	expected := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(expected), []byte(header))
}
