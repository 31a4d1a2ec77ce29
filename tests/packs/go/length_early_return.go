// Broken on purpose: a hand-written comparison whose loop runs over the received length only,
// so it returns true early for an empty (or shorter) header.
// expect-failure: rejects-empty-signature
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
	if len(header) > len(expected) {
		return false
	}
	var difference byte
	for i := 0; i < len(header); i++ {
		difference |= header[i] ^ expected[i]
	}
	return difference == 0
}
