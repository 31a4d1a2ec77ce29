// Broken on purpose: a delivery without a signature header is let through.
// expect-failure: rejects-missing-signature
package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

func VerifyWebhook(body []byte, header string, secret string) bool {
	if header == "" {
		return true // "nothing to check"
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	expected := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(expected), []byte(header))
}
