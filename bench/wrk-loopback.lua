-- wrk resolves the URL's host before running; bench names (bench.localhost) may not resolve on this
-- machine (no nss-myhostname), and the benchmark must stay on 127.0.0.1 anyway. Connect to 127.0.0.1
-- while keeping the URL's host for SNI (wrk sets SNI from the URL) and for the Host header.
wrk.resolve = function(host, service)
   wrk.addrs = wrk.lookup("127.0.0.1", service)
end
