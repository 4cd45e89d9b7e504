using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using Gatehouse.Gateway.Forwarding;
using Gatehouse.Gateway.Routing;
using Gatehouse.Hosting.Errors;
using Yarp.ReverseProxy.Forwarder;

namespace Gatehouse.Gateway.Tests.Forwarding;

/// <summary>DESIGN.md §4 data-plane errors, from what the forwarder reports.</summary>
public sealed class UpstreamErrorsTests
{
    [Fact]
    public void Request_timeout_is_upstream_timeout() =>
        Assert.Same(DataPlaneErrors.UpstreamTimeout, UpstreamErrors.Classify(ForwarderError.RequestTimedOut, new TaskCanceledException()));

    [Fact]
    public void Tls_failure_anywhere_in_the_chain_is_upstream_tls_failed()
    {
        var exception = new HttpRequestException("ssl", new IOException("wrapped", new AuthenticationException("handshake")));

        Assert.Same(DataPlaneErrors.UpstreamTlsFailed, UpstreamErrors.Classify(ForwarderError.Request, exception));
    }

    [Fact]
    public void Connect_timeout_is_upstream_timeout()
    {
        Assert.Same(DataPlaneErrors.UpstreamTimeout, UpstreamErrors.Classify(ForwarderError.Request, new TimeoutException()));
        Assert.Same(DataPlaneErrors.UpstreamTimeout,
            UpstreamErrors.Classify(ForwarderError.Request, new HttpRequestException("connect", new TaskCanceledException("connect timed out"))));
        Assert.Same(DataPlaneErrors.UpstreamTimeout, UpstreamErrors.Classify(ForwarderError.Request, new OperationCanceledException()));
    }

    [Fact]
    public void Refused_or_reset_connection_is_upstream_unreachable()
    {
        var refused = new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused));
        var reset = new HttpRequestException("reset", new IOException("reset", new SocketException((int)SocketError.ConnectionReset)));

        Assert.Same(DataPlaneErrors.UpstreamUnreachable, UpstreamErrors.Classify(ForwarderError.Request, refused));
        Assert.Same(DataPlaneErrors.UpstreamUnreachable, UpstreamErrors.Classify(ForwarderError.Request, reset));
        Assert.Same(DataPlaneErrors.UpstreamUnreachable, UpstreamErrors.Classify(ForwarderError.Request, null));
    }

    [Theory]
    [InlineData(ForwarderError.RequestBodyDestination)]
    [InlineData(ForwarderError.ResponseHeaders)]
    [InlineData(ForwarderError.NoAvailableDestinations)]
    public void Other_upstream_side_failures_are_upstream_unreachable(ForwarderError error) =>
        Assert.Same(DataPlaneErrors.UpstreamUnreachable, UpstreamErrors.Classify(error, new IOException()));

    [Theory]
    [InlineData(ForwarderError.RequestCanceled)]
    [InlineData(ForwarderError.RequestBodyCanceled)]
    [InlineData(ForwarderError.RequestBodyClient)]
    [InlineData(ForwarderError.ResponseBodyClient)]
    [InlineData(ForwarderError.None)]
    public void Client_side_failures_get_no_error_body(ForwarderError error) =>
        Assert.Null(UpstreamErrors.Classify(error, new IOException()));

    [Fact]
    public void Errors_carry_their_documented_status_and_code()
    {
        AssertError(504, "upstream_timeout", UpstreamErrors.Classify(ForwarderError.RequestTimedOut, null));
        AssertError(502, "upstream_tls_failed", UpstreamErrors.Classify(ForwarderError.Request, new AuthenticationException()));
        AssertError(502, "upstream_unreachable", UpstreamErrors.Classify(ForwarderError.Request, new HttpRequestException()));
    }

    private static void AssertError(int status, string code, ApiError? error)
    {
        Assert.NotNull(error);
        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.Code);
    }
}
