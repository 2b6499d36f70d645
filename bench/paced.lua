-- wrk script: one request every 5 ms per connection (about 200 requests/s with -c1).
delay = function() return 5 end
