// Broken on purpose: looks for the hex digest anywhere in the header.
// expect-failure: rejects-prefixless-signature
package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

func VerifyWebhook(body []byte, header string, secret string) bool {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return strings.Contains(header, hex.EncodeToString(mac.Sum(nil)))
}
