// Broken on purpose: replaces invalid UTF-8 in the body before hashing.
// expect-failure: accepts-bytes-not-utf8
package verify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

func VerifyWebhook(body []byte, header string, secret string) bool {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strings.ToValidUTF8(string(body), "\uFFFD")))
	expected := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(expected), []byte(header))
}
