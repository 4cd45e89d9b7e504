using Gatehouse.Gateway.Forwarding;

namespace Gatehouse.Gateway.Tests.Forwarding;

/// <summary>Which client-sent header names never reach an upstream (issue 9, items 1 and 7).</summary>
public sealed class RequestHeaderFilterTests
{
    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("x_forwarded_for")]
    [InlineData("X-Forwarded_Host")]
    [InlineData("Forwarded")]
    [InlineData("X-Real-IP")]
    [InlineData("x_real_ip")]
    [InlineData("X-Client-Cert-Subject")]
    [InlineData("X_Client_Cert_Subject")]
    [InlineData("x-client_cert-sha256")]
    [InlineData("Client-Cert")]
    [InlineData("CLIENT_CERT_CHAIN")]
    [InlineData("X-SSL-Client-DN")]
    [InlineData("X-SSL")]
    [InlineData("Ssl-Client-Verify")]
    [InlineData("ssl_client_s_dn")]
    [InlineData("X-Content-Length")]
    public void Identity_and_hop_headers_are_dropped_even_when_underscores_are_allowed(string name)
    {
        Assert.True(RequestHeaderFilter.IsDropped(name, allowUnderscores: true));
        Assert.True(RequestHeaderFilter.IsDropped(name, allowUnderscores: false));
    }

    [Theory]
    [InlineData("X_Custom")]
    [InlineData("my_header")]
    public void Other_names_with_underscores_are_dropped_unless_allowed(string name)
    {
        Assert.True(RequestHeaderFilter.IsDropped(name, allowUnderscores: false));
        Assert.False(RequestHeaderFilter.IsDropped(name, allowUnderscores: true));
    }

    [Theory]
    [InlineData("Accept")]
    [InlineData("X-Real-IPv6")]
    [InlineData("Client-Certainty")]
    [InlineData("X-SSLish")]
    [InlineData("Ssl-Clientele")]
    [InlineData("Content-Length")]
    [InlineData("X-Forwarded")]
    public void Ordinary_names_are_forwarded(string name) => Assert.False(RequestHeaderFilter.IsDropped(name, allowUnderscores: false));
}
