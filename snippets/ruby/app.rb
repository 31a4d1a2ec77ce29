# Receives Cobinar webhooks with Sinatra. Run: COBINAR_WEBHOOK_SECRET=… ruby app.rb
require 'json'
require 'set'
require 'sinatra/base'
require 'time'
require_relative 'verify'

class CobinarWebhooks < Sinatra::Base
  SECRET = ENV['COBINAR_WEBHOOK_SECRET'].to_s
  abort "Set COBINAR_WEBHOOK_SECRET to your application's webhook secret" if SECRET.empty?

  # Delivery ids already handled (the body's id: retries carry the same one). In production keep
  # these in your database, with a unique key on the id. Puma serves requests on several threads.
  SEEN_EVENT_IDS = Set.new
  SEEN_LOCK = Mutex.new

  # Deliveries are small: a larger body is refused before it is read whole and hashed.
  MAX_BODY_BYTES = 2 * 1024 * 1024

  post '/webhooks/auth' do
    content_type 'text/plain'
    halt 413, 'body too large' if request.content_length.to_i > MAX_BODY_BYTES
    request.body.rewind # the exact bytes received, even if middleware read them before
    raw = request.body.read(MAX_BODY_BYTES + 1).to_s # at most one byte more: chunked bodies have no length
    halt 413, 'body too large' if raw.bytesize > MAX_BODY_BYTES
    halt 401, 'invalid signature' unless verify_webhook(raw, request.env['HTTP_X_COBINAR_SIGNATURE'], SECRET)

    event = JSON.parse(raw) rescue nil # only now, after the signature matched
    halt 400, 'not JSON' unless event.is_a?(Hash)

    # Neither x-cobinar-timestamp nor x-cobinar-event-id is signed, but the body's createdAt is: a
    # delivery signed more than 5 minutes ago (or ahead) is a captured one replayed, or a bad clock.
    created_at = Time.iso8601(event['createdAt'].to_s) rescue nil
    halt 401, 'stale delivery' if created_at.nil? || (Time.now - created_at).abs > 5 * 60

    # Deduplicate on the body's id, which is signed, not on x-cobinar-event-id, which is not: a
    # replay under a new header id would pass as new. Cobinar sends the two equal.
    event_id = event['id'].to_s
    header_id = request.env['HTTP_X_COBINAR_EVENT_ID']
    halt 401, 'event id mismatch' if header_id && header_id != event_id
    if SEEN_LOCK.synchronize { SEEN_EVENT_IDS.add?(event_id).nil? }
      halt 200, 'duplicate' # already handled: acknowledge, do nothing
    end

    case event['event']
    when 'otp.verified'
      # e.g. mark event['payload']['requestId'] as verified
    end
    'ok' # other events, reserved ones (identity.*, application.*) included: acknowledged
  end
end

# Serves the app with Puma on 127.0.0.1:$PORT when run itself (rackup or your Puma config works as well).
if $PROGRAM_NAME == __FILE__
  require 'puma'
  server = Puma::Server.new(CobinarWebhooks)
  port = server.add_tcp_listener('127.0.0.1', Integer(ENV.fetch('PORT', '3000'))).addr[1]
  thread = server.run
  puts "listening on http://127.0.0.1:#{port}/webhooks/auth"
  $stdout.flush
  thread.join
end
