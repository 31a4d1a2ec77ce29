//! The rows: each language's idioms and each stack's. The code of every receiver is the file
//! itself: included as text natively (`include_str!`), and on the page fetched from the copy that
//! the build puts beside it (`SourceFile::served_at`), so what the page shows is what
//! `tests/stacks.rs` runs, and the page's module does not carry 60 KB of other languages.

use super::{Language, LanguageIdioms, Proof, SourceFile, Stack};

pub const NODE: LanguageIdioms = LanguageIdioms {
    id: "node",
    label: "Node",
    hmac_hex: "'sha256=' + crypto.createHmac('sha256', secret).update(rawBody).digest('hex')",
    hmac_base64: "digest('base64')",
    compare:
        "crypto.timingSafeEqual(Buffer.from(received), Buffer.from(expected)) after checking the lengths are equal",
    trimmed_secret: "process.env.COBINAR_WEBHOOK_SECRET.trim()",
    test_command: "VERIFY_MODULE=./verify.js node --test cobinar-webhook.test.mjs",
};

pub const PYTHON: LanguageIdioms = LanguageIdioms {
    id: "python",
    label: "Python",
    hmac_hex: "\"sha256=\" + hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()",
    hmac_base64: "base64.b64encode(hmac.new(…).digest())",
    compare: "hmac.compare_digest(expected.encode(), received.encode())",
    trimmed_secret: "os.environ[\"COBINAR_WEBHOOK_SECRET\"].strip()",
    test_command: "VERIFY_MODULE=verify python -m unittest test_cobinar_webhook",
};

pub const GO: LanguageIdioms = LanguageIdioms {
    id: "go",
    label: "Go",
    hmac_hex: "\"sha256=\" + hex.EncodeToString(mac.Sum(nil)) with mac := hmac.New(sha256.New, []byte(secret))",
    hmac_base64: "base64.StdEncoding.EncodeToString(mac.Sum(nil))",
    compare: "hmac.Equal([]byte(expected), []byte(received))",
    trimmed_secret: "strings.TrimSpace(os.Getenv(\"COBINAR_WEBHOOK_SECRET\"))",
    test_command: "go test -run TestCobinarWebhook .",
};

pub const RUST: LanguageIdioms = LanguageIdioms {
    id: "rust",
    label: "Rust",
    hmac_hex: "Hmac::<Sha256>::new_from_slice(secret.as_bytes()) over the body, compared with the header's hex after \"sha256=\"",
    hmac_base64: "a base64 encoding of mac.finalize()",
    compare: "mac.verify_slice(&hex::decode(hex_after_prefix)?) (constant time, rejects a wrong length)",
    trimmed_secret: "std::env::var(\"COBINAR_WEBHOOK_SECRET\")?.trim().to_owned()",
    test_command: "cargo test --test cobinar_webhook",
};

pub const PHP: LanguageIdioms = LanguageIdioms {
    id: "php",
    label: "PHP",
    hmac_hex: "'sha256=' . hash_hmac('sha256', $rawBody, $secret)",
    hmac_base64: "base64_encode(hash_hmac('sha256', $rawBody, $secret, true))",
    compare: "hash_equals($expected, $received)",
    trimmed_secret: "trim(getenv('COBINAR_WEBHOOK_SECRET'))",
    test_command: "VERIFY_FILE=verify.php php cobinar_webhook_test.php",
};

pub const RUBY: LanguageIdioms = LanguageIdioms {
    id: "ruby",
    label: "Ruby",
    hmac_hex: "'sha256=' + OpenSSL::HMAC.hexdigest('SHA256', secret, raw_body)",
    hmac_base64: "Base64.strict_encode64(OpenSSL::HMAC.digest('SHA256', secret, raw_body))",
    compare: "Rack::Utils.secure_compare(expected, received) (ActiveSupport::SecurityUtils.secure_compare in Rails)",
    trimmed_secret: "ENV.fetch('COBINAR_WEBHOOK_SECRET').strip",
    test_command: "VERIFY_FILE=verify.rb ruby cobinar_webhook_test.rb",
};

pub const JAVA: LanguageIdioms = LanguageIdioms {
    id: "java",
    label: "Java",
    hmac_hex: "\"sha256=\" + HexFormat.of().formatHex(mac.doFinal(rawBody)) with Mac.getInstance(\"HmacSHA256\") keyed with secret.getBytes(UTF_8)",
    hmac_base64: "Base64.getEncoder().encodeToString(mac.doFinal(rawBody))",
    compare: "MessageDigest.isEqual(expected.getBytes(UTF_8), received.getBytes(UTF_8))",
    trimmed_secret: "System.getenv(\"COBINAR_WEBHOOK_SECRET\").strip()",
    test_command: "javac -d out WebhookVerifier.java CobinarWebhookTest.java && java -cp out CobinarWebhookTest",
};

pub const CSHARP: LanguageIdioms = LanguageIdioms {
    id: "csharp",
    label: "C#",
    hmac_hex: "\"sha256=\" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody)).ToLowerInvariant()",
    hmac_base64: "Convert.ToBase64String(hmac.ComputeHash(rawBody))",
    compare: "CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(received))",
    trimmed_secret: "Environment.GetEnvironmentVariable(\"COBINAR_WEBHOOK_SECRET\")?.Trim()",
    test_command: "mcs -out:t.exe WebhookVerifier.cs CobinarWebhookTest.cs && mono t.exe",
};

/// Every stack, grouped by language in `Language::ALL`'s order; a language's first stack is its
/// plain or most common one, which the page shows for that language's tab.
pub static STACKS: [Stack; 17] = [
    Stack {
        id: "node-express",
        language: Language::Node,
        framework: "Express",
        dir: "snippets/node",
        files: &[SourceFile { name: "server.js", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/node/server.js") }],
        raw_body: "express.raw({ type: 'application/json' }) on the route, then req.body (a Buffer) as is",
        header: "req.get('x-cobinar-signature')",
        reparsed: "express.json() and JSON.stringify(req.body)",
        install: "npm install express",
        run: "COBINAR_WEBHOOK_SECRET=… node server.js",
        start: "node server.js",
        proof: Proof::Run,
    },
    Stack {
        id: "node-nextjs",
        language: Language::Node,
        framework: "Next.js",
        dir: "snippets/node-nextjs",
        files: &[SourceFile {
            name: "app/webhooks/auth/route.ts",
            #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/node-nextjs/app/webhooks/auth/route.ts"),
        }],
        raw_body: "the bytes of request.body (or await request.arrayBuffer()) in the route handler, read with a size cap, not request.json() (request.text() re-encodes bytes that are not UTF-8)",
        header: "request.headers.get('x-cobinar-signature')",
        reparsed: "JSON.stringify(await request.json())",
        install: "npm install next react react-dom",
        run: "next build && COBINAR_WEBHOOK_SECRET=… next start",
        start: "node serve.mjs",
        proof: Proof::Run,
    },
    Stack {
        id: "node-fastify",
        language: Language::Node,
        framework: "Fastify",
        dir: "snippets/node-fastify",
        files: &[SourceFile { name: "server.js", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/node-fastify/server.js") }],
        raw_body: "addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => done(null, body)), then request.body (a Buffer) as is",
        header: "request.headers['x-cobinar-signature']",
        reparsed: "the default JSON parser and JSON.stringify(request.body)",
        install: "npm install fastify",
        run: "COBINAR_WEBHOOK_SECRET=… node server.js",
        start: "node server.js",
        proof: Proof::Run,
    },
    Stack {
        id: "python-flask",
        language: Language::Python,
        framework: "Flask",
        dir: "snippets/python",
        files: &[SourceFile { name: "server.py", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/python/server.py") }],
        raw_body: "request.get_data(cache=False), before request.json or request.get_json()",
        header: "request.headers.get(\"x-cobinar-signature\")",
        reparsed: "json.dumps(request.get_json())",
        install: "pip install flask",
        run: "COBINAR_WEBHOOK_SECRET=… python server.py",
        start: "../../target/receivers/venv/bin/python server.py",
        proof: Proof::Run,
    },
    Stack {
        id: "python-fastapi",
        language: Language::Python,
        framework: "FastAPI",
        dir: "snippets/python-fastapi",
        files: &[SourceFile { name: "server.py", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/python-fastapi/server.py") }],
        raw_body: "raw = await request.body() (or request.stream() with a size cap), not a Pydantic model parameter",
        header: "request.headers.get(\"x-cobinar-signature\")",
        reparsed: "json.dumps(await request.json()) or a Pydantic model's model_dump_json()",
        install: "pip install fastapi uvicorn",
        run: "COBINAR_WEBHOOK_SECRET=… python server.py",
        start: "../../target/receivers/python-fastapi/venv/bin/python server.py",
        proof: Proof::Run,
    },
    Stack {
        id: "python-django",
        language: Language::Python,
        framework: "Django",
        dir: "snippets/python-django",
        files: &[SourceFile { name: "server.py", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/python-django/server.py") }],
        raw_body: "request.body in a @csrf_exempt view, before json.loads",
        header: "request.headers.get(\"x-cobinar-signature\")",
        reparsed: "json.dumps(json.loads(request.body))",
        install: "pip install django waitress",
        run: "COBINAR_WEBHOOK_SECRET=… python server.py",
        start: "../../target/receivers/python-django/venv/bin/python server.py",
        proof: Proof::Run,
    },
    Stack {
        id: "go-net-http",
        language: Language::Go,
        framework: "net/http",
        dir: "snippets/go",
        files: &[SourceFile { name: "main.go", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/go/main.go") }],
        raw_body: "raw, err := io.ReadAll(r.Body), before any json.Decoder",
        header: "r.Header.Get(\"X-Cobinar-Signature\")",
        reparsed: "json.Unmarshal into a struct or map, then json.Marshal",
        install: "go mod init receiver   # standard library only",
        run: "COBINAR_WEBHOOK_SECRET=… go run .",
        start: "../../target/receivers/go-receiver",
        proof: Proof::Run,
    },
    Stack {
        id: "go-gin",
        language: Language::Go,
        framework: "Gin",
        dir: "snippets/go-gin",
        files: &[SourceFile { name: "main.go", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/go-gin/main.go") }],
        raw_body: "raw, err := c.GetRawData(), before c.ShouldBindJSON",
        header: "c.GetHeader(\"X-Cobinar-Signature\")",
        reparsed: "c.ShouldBindJSON into a struct or map, then json.Marshal",
        install: "go get github.com/gin-gonic/gin",
        run: "COBINAR_WEBHOOK_SECRET=… go run .",
        start: "../../target/receivers/go-gin/receiver",
        proof: Proof::Run,
    },
    Stack {
        id: "rust-axum",
        language: Language::Rust,
        framework: "axum",
        dir: "snippets/rust",
        files: &[SourceFile { name: "src/main.rs", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/rust-receiver.rs") }],
        raw_body: "a body: Bytes extractor (not Json<T>), hashed as is",
        header: "headers.get(\"x-cobinar-signature\").and_then(|v| v.to_str().ok())",
        reparsed: "the Json<T> extractor, then serde_json::to_vec",
        install: "cargo add axum@0.8 hex hmac@0.12 sha2@0.10 serde_json serde --features serde/derive tokio --features tokio/macros,tokio/rt-multi-thread,tokio/net",
        run: "COBINAR_WEBHOOK_SECRET=… cargo run --release",
        start: "../../target/receivers/rust/release/cobinar-receiver",
        proof: Proof::Run,
    },
    Stack {
        id: "php-plain",
        language: Language::Php,
        framework: "plain PHP",
        dir: "snippets/php",
        files: &[
            SourceFile { name: "server.php", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/php/server.php") },
            SourceFile { name: "verify.php", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/php/verify.php") },
        ],
        raw_body: "file_get_contents('php://input'), before any json_decode",
        header: "$_SERVER['HTTP_X_COBINAR_SIGNATURE'] ?? null",
        reparsed: "json_encode(json_decode($raw, true))",
        install: "PHP 8 (php-cli or PHP-FPM); no packages",
        run: "COBINAR_WEBHOOK_SECRET=… php -S 127.0.0.1:3000 server.php",
        start: "sh start.sh",
        proof: Proof::Run,
    },
    Stack {
        id: "php-laravel",
        language: Language::Php,
        framework: "Laravel",
        dir: "snippets/php-laravel",
        files: &[
            SourceFile {
                name: "app/Http/Controllers/CobinarWebhookController.php",
                #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/php-laravel/app/Http/Controllers/CobinarWebhookController.php"),
            },
            SourceFile { name: "routes/api.php", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/php-laravel/routes/api.php") },
            SourceFile {
                name: "config/services.php",
                #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/php-laravel/config/services.php"),
            },
        ],
        raw_body: "$request->getContent(), not $request->all() or $request->json()",
        header: "$request->header('x-cobinar-signature')",
        reparsed: "json_encode($request->all())",
        install: "a Laravel 8+ application; no packages",
        run: "COBINAR_WEBHOOK_SECRET=… php artisan serve   # POST /api/webhooks/auth",
        start: "sh start.sh",
        proof: Proof::Run,
    },
    Stack {
        id: "ruby-sinatra",
        language: Language::Ruby,
        framework: "Sinatra",
        dir: "snippets/ruby",
        files: &[
            SourceFile { name: "app.rb", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/ruby/app.rb") },
            SourceFile { name: "verify.rb", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/ruby/verify.rb") },
        ],
        raw_body: "request.body.rewind; request.body.read, before JSON.parse",
        header: "request.env['HTTP_X_COBINAR_SIGNATURE']",
        reparsed: "JSON.parse(raw).to_json",
        install: "gem install sinatra puma",
        run: "COBINAR_WEBHOOK_SECRET=… ruby app.rb",
        start: "sh start.sh",
        proof: Proof::Run,
    },
    Stack {
        id: "ruby-rails",
        language: Language::Ruby,
        framework: "Rails",
        dir: "snippets/ruby-rails",
        files: &[
            SourceFile {
                name: "app/controllers/cobinar_webhooks_controller.rb",
                #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/ruby-rails/app/controllers/cobinar_webhooks_controller.rb"),
            },
            SourceFile { name: "config/routes.rb", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/ruby-rails/config/routes.rb") },
        ],
        raw_body: "request.raw_post, not params",
        header: "request.headers['X-Cobinar-Signature']",
        reparsed: "params.to_json or request.request_parameters.to_json",
        install: "a Rails 6.1+ application; no gems",
        run: "COBINAR_WEBHOOK_SECRET=… bin/rails server",
        start: "sh start.sh",
        proof: Proof::Run,
    },
    Stack {
        id: "java-httpserver",
        language: Language::Java,
        framework: "JDK HttpServer",
        dir: "snippets/java",
        files: &[
            SourceFile { name: "Receiver.java", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/java/Receiver.java") },
            SourceFile { name: "WebhookVerifier.java", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/java/WebhookVerifier.java") },
        ],
        raw_body: "exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1), capped, before any JSON parser",
        header: "exchange.getRequestHeaders().getFirst(\"x-cobinar-signature\")",
        reparsed: "an ObjectMapper readTree written again with writeValueAsString",
        install: "JDK 17 or later; no libraries",
        run: "javac WebhookVerifier.java Receiver.java && COBINAR_WEBHOOK_SECRET=… java Receiver",
        start: "sh start.sh",
        proof: Proof::Run,
    },
    Stack {
        id: "java-spring",
        language: Language::Java,
        framework: "Spring Boot",
        dir: "snippets/java-spring",
        files: &[SourceFile {
            name: "CobinarWebhookController.java",
            #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/java-spring/CobinarWebhookController.java"),
        }],
        raw_body: "the request's InputStream as a parameter, read with a cap (readNBytes), not a @RequestBody Map or DTO",
        header: "@RequestHeader(value = \"x-cobinar-signature\", required = false) String signature",
        reparsed: "a @RequestBody Map or DTO written again with ObjectMapper",
        install: "spring-boot-starter-web, with snippets/java's WebhookVerifier.java",
        run: "COBINAR_WEBHOOK_SECRET=… ./mvnw spring-boot:run",
        start: "",
        proof: Proof::VerifyRunIn("java-httpserver"),
    },
    Stack {
        id: "csharp-httplistener",
        language: Language::Csharp,
        framework: "HttpListener",
        dir: "snippets/csharp",
        files: &[
            SourceFile { name: "Receiver.cs", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/csharp/Receiver.cs") },
            SourceFile { name: "WebhookVerifier.cs", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/csharp/WebhookVerifier.cs") },
        ],
        raw_body: "context.Request.InputStream read whole, with a cap, into a MemoryStream, before any JSON parser",
        header: "context.Request.Headers[\"x-cobinar-signature\"]",
        reparsed: "JsonSerializer.Deserialize then JsonSerializer.Serialize",
        install: ".NET or Mono; no packages",
        run: "mcs -out:Receiver.exe Receiver.cs WebhookVerifier.cs && COBINAR_WEBHOOK_SECRET=… mono Receiver.exe",
        start: "sh start.sh",
        proof: Proof::Run,
    },
    Stack {
        id: "csharp-aspnet",
        language: Language::Csharp,
        framework: "ASP.NET Core",
        dir: "snippets/csharp-aspnet",
        files: &[SourceFile { name: "Program.cs", #[cfg(not(target_arch = "wasm32"))]
            code: include_str!("../../snippets/csharp-aspnet/Program.cs") }],
        raw_body: "request.EnableBuffering(), then Request.Body copied whole into a MemoryStream",
        header: "request.Headers[\"x-cobinar-signature\"]",
        reparsed: "a [FromBody] model or ReadFromJsonAsync written again with JsonSerializer",
        install: "dotnet new web (.NET 8 or later)",
        run: "COBINAR_WEBHOOK_SECRET=… dotnet run",
        start: "",
        proof: Proof::VerifyRunIn("csharp-httplistener"),
    },
];
