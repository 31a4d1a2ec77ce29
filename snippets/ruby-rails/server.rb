# Not to copy: a Rails application of one route in one file, for proving the controller with
# Debian's Rails 6.1. A Rails project has its own config/application.rb and bin/rails server.
require 'action_controller/railtie'

abort "Set COBINAR_WEBHOOK_SECRET to your application's webhook secret" if ENV['COBINAR_WEBHOOK_SECRET'].to_s.empty?

class CobinarReceiver < Rails::Application
  config.root = __dir__
  config.api_only = true
  config.eager_load = false
  config.consider_all_requests_local = false
  config.hosts.clear # 127.0.0.1 with any port
  config.secret_key_base = 'not used: no cookies or sessions'
  config.logger = Logger.new($stderr)
  config.log_level = :warn
end
CobinarReceiver.initialize!
require_relative 'app/controllers/cobinar_webhooks_controller'
require_relative 'config/routes'

# Serves the application with Puma on 127.0.0.1:$PORT, and says where once it accepts connections.
require 'puma'
server = Puma::Server.new(CobinarReceiver)
port = server.add_tcp_listener('127.0.0.1', Integer(ENV.fetch('PORT', '3000'))).addr[1]
thread = server.run
puts "listening on http://127.0.0.1:#{port}/webhooks/auth"
$stdout.flush
thread.join
