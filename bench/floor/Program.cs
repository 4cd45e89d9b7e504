// The floor of the stack Gatehouse runs on: Kestrel with one certificate on an HTTPS listener (HTTP/1.1 and HTTP/2),
// either answering every request itself with the upstream's 1 KiB body ("static") or forwarding it with YARP's
// IHttpForwarder over a SocketsHttpHandler configured like Gatehouse's forwarder ("forward"). No routing, no SNI
// selection, no access log, no meters collected, no logging providers: what Kestrel, SslStream and YARP cost alone.
//
//   dotnet floor.dll static|forward LISTEN-PORT CERT.pem KEY.pem [UPSTREAM-PORT]
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

var mode = args[0];
var port = int.Parse(args[1]);
using var certificate = LoadCertificate(args[2], args[3]);

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, port, listen =>
    {
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.UseHttps(https =>
        {
            https.ServerCertificate = certificate;
            https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        });
    });
});
if (mode == "forward") builder.Services.AddHttpForwarder();
var app = builder.Build();

if (mode == "static")
{
    var body = new byte[1024];
    Array.Fill(body, (byte)'x');
    app.Run(context =>
    {
        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    });
}
else if (mode == "forward")
{
    var destination = $"http://127.0.0.1:{int.Parse(args[4])}/";
    var invoker = new HttpMessageInvoker(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ActivityHeadersPropagator = null,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
    });
    var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
    var config = ForwarderRequestConfig.Empty;
    app.Run(async context => await forwarder.SendAsync(context, destination, invoker, config, HttpTransformer.Default));
}
else
{
    throw new ArgumentException($"unknown mode {mode}: static or forward");
}
app.Run();

static X509Certificate2 LoadCertificate(string certPath, string keyPath)
{
    // An ephemeral PEM key cannot serve TLS on every platform; a PKCS#12 round trip gives a persisted one.
    using var pem = X509Certificate2.CreateFromPemFile(certPath, keyPath);
    return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
}
