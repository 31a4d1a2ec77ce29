// Broken on purpose: accepts a header that the expected value starts with.
// expect-failure: rejects-truncated-signature
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
	expected := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	return strings.HasPrefix(expected, header)
}
