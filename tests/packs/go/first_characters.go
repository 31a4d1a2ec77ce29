// Broken on purpose: compares only the first 32 characters of the digest.
// expect-failure: rejects-same-first-characters
package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

func VerifyWebhook(body []byte, header string, secret string) bool {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	expected := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	return len(header) >= 39 && header[:39] == expected[:39]
}
