-- Like wrk-loopback.lua, and every request asks the server to close the connection.
wrk.resolve = function(host, service)
   wrk.addrs = wrk.lookup("127.0.0.1", service)
end
wrk.headers["Connection"] = "close"
