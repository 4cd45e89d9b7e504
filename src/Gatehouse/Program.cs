using Gatehouse.Commands;
using Gatehouse.Gateway.Tls;

// Before anything touches TLS: OpenSSL reads its configuration once, when it starts.
OpenSslDefaults.Apply();

return await GatehouseCli.InvokeAsync(args);
