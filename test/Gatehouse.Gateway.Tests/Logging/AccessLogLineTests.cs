using System.Net;
using Gatehouse.Gateway.Logging;

namespace Gatehouse.Gateway.Tests.Logging;

public sealed class AccessLogLineTests
{
    private static AccessLogEntry Entry(string path = "/p", string host = "h.test", string? sni = "h.test", IPAddress? client = null) => new(
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, 67, TimeSpan.Zero), client ?? IPAddress.Parse("::ffff:10.0.0.7"), sni, host, "ssl1", "svc1",
        "GET", path, "HTTP/2", 200, "127.0.0.1:8080", 1.26);

    [Fact]
    public void A_line_has_every_field_of_design_section_9_in_order()
    {
        Assert.Equal("2026-01-02T03:04:05.067Z access client=10.0.0.7 sni=h.test host=h.test ssl=ssl1 service=svc1 GET /p HTTP/2 status=200 upstream=127.0.0.1:8080 latency_ms=1.3",
            AccessLogLine.Format(Entry()));
    }

    [Theory]
    [InlineData("/a\r\nb", @"/a\x0D\x0Ab")]
    [InlineData("/\u001b[31mred", @"/\x1B[31mred")]
    [InlineData("/a b\tc", @"/a\x20b\x09c")]
    [InlineData(@"/back\slash", @"/back\x5Cslash")]
    [InlineData("/del\u007f/c1\u0085", @"/del\x7F/c1\x85")]
    [InlineData("/sep\u2028x\u2029", @"/sep\u2028x\u2029")]
    [InlineData("/bücher/ok", "/bücher/ok")]
    public void Client_chosen_text_is_escaped(string path, string logged)
    {
        var line = AccessLogLine.Format(Entry(path: path, host: "x" + path, sni: "y" + path));
        Assert.Contains($" GET {logged} HTTP/2 ", line);
        Assert.Contains($" host=x{logged} ", line);
        Assert.Contains($" sni=y{logged} ", line);
        Assert.DoesNotContain(line, c => c < ' ' || c is '\u007f' or '\u2028' or '\u2029');
    }

    [Fact]
    public void A_plain_http_request_has_no_sni_and_a_long_path_is_cut()
    {
        var line = AccessLogLine.Format(Entry(path: "/" + new string('a', 5000), sni: null, client: IPAddress.IPv6Loopback));
        Assert.Contains(" client=::1 sni=- ", line);
        Assert.Contains(" /" + new string('a', 2047) + "... HTTP/2 ", line);
    }
}
