# For rackup or puma: puma -b tcp://127.0.0.1:3000 config.ru
require_relative 'app'
run CobinarWebhooks
