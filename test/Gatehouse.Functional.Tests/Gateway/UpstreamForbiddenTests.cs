using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Process;
using Gatehouse.Testing.Tls;

namespace Gatehouse.Functional.Tests.Gateway;

/// <summary>
/// Issue 9, item 6: the gateway checks the address it actually connected to, not only what validation saw. A stored
/// target that reaches the admin listener (here: the admin listener moved onto the target's port after a restart;
/// stored services are not re-checked against it) is refused at connect time with 502 <c>upstream_forbidden</c>.
/// </summary>
public sealed class UpstreamForbiddenTests
{
    [Fact]
    public async Task A_target_that_reaches_the_admin_listener_is_502_upstream_forbidden()
    {
        var data = Directory.CreateTempSubdirectory("gatehouse-test-").FullName;
        var movedAdminPort = FreePort.Next();
        try
        {
            await using (var first = await GatehouseProcess.StartInAsync(data, ownsDirectory: false))
            {
                foreach (var scheme in new[] { "http", "https" })
                {
                    var body = ServiceRequests.Body("admin " + scheme, [$"{scheme}.forbidden.test"], (movedAdminPort, 1));
                    body["upstream"]!["scheme"] = scheme;
                    body["upstream"]!["tls_verify"] = false;
                    await first.CreateServiceAsync(body);
                }
                await first.StopAsync(TimeSpan.FromSeconds(40));
            }

            await using var gatehouse = await GatehouseProcess.StartOnAdminPortAsync(data, movedAdminPort);
            using (var admin = gatehouse.AdminClient(token: null))
                Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.GetAsync("/readyz")).StatusCode);

            var result = await Curl.GetAsync($"http://http.forbidden.test:{gatehouse.HttpPort}/readyz");
            Assert.True(result.Status == 502, $"{result.Status}: {result.Body}\n{gatehouse.Output}");
            Assert.Equal("upstream_forbidden", result.ErrorCode);
            Assert.DoesNotContain("checks", result.Body);

            var tls = await Curl.GetAsync($"http://https.forbidden.test:{gatehouse.HttpPort}/readyz");
            Assert.True(tls.Status == 502, $"{tls.Status}: {tls.Body}\n{gatehouse.Output}");
            Assert.Equal("upstream_forbidden", tls.ErrorCode);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
