// Broken on purpose: reads the body as latin-1 (one rune a byte) and hashes that text as UTF-8.
// expect-failure: accepts-utf8-non-ascii
package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

func VerifyWebhook(body []byte, header string, secret string) bool {
	runes := make([]rune, len(body))
	for i, b := range body {
		runes[i] = rune(b)
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(string(runes)))
	expected := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(expected), []byte(header))
}
