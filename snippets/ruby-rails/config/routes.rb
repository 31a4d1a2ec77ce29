# config/routes.rb
Rails.application.routes.draw do
  post '/webhooks/auth', to: 'cobinar_webhooks#create'
end
