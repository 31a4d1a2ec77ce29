//! One-line shell commands that print the server's secret fingerprint, exactly as the page shows
//! it (`verify::fingerprint`: the first 4 bytes of HMAC-SHA256 keyed with the fixed label,
//! over the secret's UTF-8 bytes, written `xxxx-xxxx`), read from `COBINAR_WEBHOOK_SECRET`.
//!
//! Each reads the variable byte for byte, a trailing newline included: that is the point, a
//! secret that verifies here and fails on the server shows itself as another fingerprint.
//! Each refuses an unset variable rather than printing the fingerprint of nothing.
//! `tests/fingerprint_commands.rs` runs them all (`make test-receivers`).
//!
//! Never: sees the secret. These are fixed text.

/// One language's command, and the `data-testid` the page shows it under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FingerprintCommand {
    pub language: &'static str,
    pub testid: &'static str,
    pub command: &'static str,
}

/// Node's crypto, Python's hmac, Go's crypto/hmac (a main.go in a temporary directory, removed
/// on exit), and openssl in a shell. Single-quoted throughout, so an interactive shell expands
/// nothing in them (no `!` history, no `$`).
pub const COMMANDS: [FingerprintCommand; 4] = [
    FingerprintCommand {
        language: "Node",
        testid: "fingerprint-node",
        command: r#"node -e 'const s=process.env.COBINAR_WEBHOOK_SECRET;if(s===undefined)throw new Error("COBINAR_WEBHOOK_SECRET is not set");const h=require("node:crypto").createHmac("sha256","webhook-echo secret fingerprint v1").update(s,"utf8").digest("hex");console.log(h.slice(0,4)+"-"+h.slice(4,8))'"#,
    },
    FingerprintCommand {
        language: "Python",
        testid: "fingerprint-python",
        command: r#"python3 -c 'import hashlib,hmac,os;h=hmac.new(b"webhook-echo secret fingerprint v1",os.environb[b"COBINAR_WEBHOOK_SECRET"],hashlib.sha256).hexdigest();print(h[:4]+"-"+h[4:8])'"#,
    },
    FingerprintCommand {
        language: "Go",
        testid: "fingerprint-go",
        command: r#"(d=$(mktemp -d) && trap 'rm -rf "$d"' EXIT && printf '%s\n' 'package main' 'import ("crypto/hmac";"crypto/sha256";"encoding/hex";"fmt";"os")' 'func main(){s,ok:=os.LookupEnv("COBINAR_WEBHOOK_SECRET");if !ok{fmt.Fprintln(os.Stderr,"COBINAR_WEBHOOK_SECRET is not set");os.Exit(1)};m:=hmac.New(sha256.New,[]byte("webhook-echo secret fingerprint v1"));m.Write([]byte(s));h:=hex.EncodeToString(m.Sum(nil));fmt.Println(h[:4]+"-"+h[4:8])}' >"$d/main.go" && cd "$d" && go run main.go)"#,
    },
    FingerprintCommand {
        language: "Shell (openssl)",
        testid: "fingerprint-shell",
        command: r#": "${COBINAR_WEBHOOK_SECRET?is not set}" && printf %s "$COBINAR_WEBHOOK_SECRET" | openssl dgst -sha256 -hmac 'webhook-echo secret fingerprint v1' | awk '{print substr($NF,1,4) "-" substr($NF,5,4)}'"#,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_each_with_its_own_testid() {
        let testids: Vec<_> = COMMANDS.iter().map(|c| c.testid).collect();
        assert_eq!(testids, ["fingerprint-node", "fingerprint-python", "fingerprint-go", "fingerprint-shell"]);
        for c in COMMANDS {
            assert!(!c.command.contains('\n'), "{}", c.language);
            assert!(c.command.contains("COBINAR_WEBHOOK_SECRET"), "{}", c.language);
            assert!(c.command.contains("webhook-echo secret fingerprint v1"), "{}", c.language);
        }
    }
}
