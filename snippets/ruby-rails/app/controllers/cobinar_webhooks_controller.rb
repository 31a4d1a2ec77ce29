# Receives Cobinar webhooks in Rails 6.1 or later. Copy this file to app/controllers/, with the
# route of config/routes.rb. The secret comes from the environment here; credentials work as well.
require 'openssl'
require 'set'

# ActionController::API has no CSRF protection to skip; from ActionController::Base, add
# skip_forgery_protection.
class CobinarWebhooksController < ActionController::API
  SECRET = ENV['COBINAR_WEBHOOK_SECRET'].presence || raise("Set COBINAR_WEBHOOK_SECRET to your application's webhook secret")

  # Rails parses a JSON body into params before the action, and logs them at :info ("Parameters:"),
  # the payload's phone number included: add config.filter_parameters += [:phone] to
  # config/initializers/filter_parameter_logging.rb. No copy of them wrapped under a key either:
  wrap_parameters false

  # Delivery ids already handled (the body's id: retries carry the same one). In production keep
  # these in your database, with a unique key on the id (and rescue ActiveRecord::RecordNotUnique).
  # Puma serves requests on several threads.
  SEEN_EVENT_IDS = Set.new
  SEEN_LOCK = Mutex.new

  # Deliveries are small: a larger body is refused before it is hashed. Rails has already read and
  # parsed it for the log's Parameters: to refuse it sooner, limit it in your web server too.
  MAX_BODY_BYTES = 2 * 1024 * 1024

  def create
    if request.content_length > MAX_BODY_BYTES # raw_post reads Content-Length bytes, no more
      return render plain: 'body too large', status: :payload_too_large
    end
    raw = request.raw_post # the exact bytes received: never params or a re-encoded body
    unless verify_webhook(raw, request.headers['X-Cobinar-Signature'], SECRET)
      return render plain: 'invalid signature', status: :unauthorized
    end

    event = JSON.parse(raw) rescue nil # only now, after the signature matched
    return render plain: 'not JSON', status: :bad_request unless event.is_a?(Hash)

    # Neither x-cobinar-timestamp nor x-cobinar-event-id is signed, but the body's createdAt is: a
    # delivery signed more than 5 minutes ago (or ahead) is a captured one replayed, or a bad clock.
    created_at = Time.iso8601(event['createdAt'].to_s) rescue nil
    if created_at.nil? || (Time.now - created_at).abs > 5.minutes
      return render plain: 'stale delivery', status: :unauthorized
    end

    # Deduplicate on the body's id, which is signed, not on x-cobinar-event-id, which is not: a
    # replay under a new header id would pass as new. Cobinar sends the two equal.
    event_id = event['id'].to_s
    header_id = request.headers['X-Cobinar-Event-Id']
    return render plain: 'event id mismatch', status: :unauthorized if header_id && header_id != event_id

    if SEEN_LOCK.synchronize { SEEN_EVENT_IDS.add?(event_id).nil? }
      return render plain: 'duplicate' # already handled: acknowledge, do nothing
    end

    case event['event']
    when 'otp.verified'
      # e.g. mark event['payload']['requestId'] as verified
    end
    render plain: 'ok' # other events, reserved ones (identity.*, application.*) included: acknowledged
  end

  private

  # The same check as snippets/ruby/verify.rb: constant time, and a header of the wrong length (or
  # none) is simply not a match (fixed_length_secure_compare raises on a length difference).
  def verify_webhook(raw_body, signature_header, secret)
    expected = "sha256=#{OpenSSL::HMAC.hexdigest('SHA256', secret, raw_body)}"
    received = signature_header.to_s
    received.bytesize == expected.bytesize && OpenSSL.fixed_length_secure_compare(received, expected)
  end
end
