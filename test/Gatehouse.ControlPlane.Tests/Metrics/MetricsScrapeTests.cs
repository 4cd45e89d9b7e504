using System.Net;
using System.Text.Json.Nodes;
using Gatehouse.ControlPlane.Tests.Configuration;
using Gatehouse.Testing.Metrics;
using Gatehouse.Testing.Pki;

namespace Gatehouse.ControlPlane.Tests.Metrics;

/// <summary>
/// <c>/metrics</c> reports counts the control plane keeps as changes arrive (the model fed by the watch, the store probe's
/// last outcome): a scrape makes no store call of any kind, and <c>gatehouse_store_up</c> is always there, 1 or 0.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsScrapeTests
{
    private static async Task<PrometheusScrape> ScrapeAsync(InProcessControlPlane plane)
    {
        using var response = await plane.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusScrape.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<PrometheusScrape> ScrapeUntilAsync(InProcessControlPlane plane, Func<PrometheusScrape, bool> accept)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var scrape = await ScrapeAsync(plane);
            if (accept(scrape) || DateTime.UtcNow > deadline) return scrape;
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_scrape_reads_no_store_and_shows_a_write_at_once()
    {
        await using var plane = await InProcessControlPlane.StartAsync(storeProbeInterval: TimeSpan.FromHours(1));
        var up = await ScrapeUntilAsync(plane, s => s.Value("gatehouse_store_up") == 1);
        Assert.Equal(1, up.Value("gatehouse_store_up"));

        var cert = TestPki.SelfSigned("scrape.metrics.test");
        var (created, ssl) = await plane.SendAsync(HttpMethod.Post, "/api/v1/ssls", new JsonObject { ["certificate"] = cert.ChainPem, ["private_key"] = cert.KeyPem });
        Assert.Equal(HttpStatusCode.Created, created);
        var revision = ssl.GetProperty("revision").GetInt64();

        var (gets, lists, commits, watches) = (plane.Store.Gets, plane.Store.Lists, plane.Store.Commits, plane.Store.Watches);
        PrometheusScrape scrape = null!;
        for (var i = 0; i < 20; i++) scrape = await ScrapeAsync(plane);

        Assert.Equal((gets, lists, commits, watches), (plane.Store.Gets, plane.Store.Lists, plane.Store.Commits, plane.Store.Watches));
        Assert.Equal(revision, scrape.Value("gatehouse_config_revision"));
        Assert.Equal(1, scrape.Value("gatehouse_ssl_objects", ("type", "server"), ("status", "active")));
        Assert.Equal(1, scrape.Value("gatehouse_ssl_days_to_expiry", ("le", "+Inf")));
        Assert.Equal(0, scrape.Value("gatehouse_ssl_days_to_expiry", ("le", "0")));
        Assert.Equal(1, scrape.Value("gatehouse_store_up"));
        Assert.DoesNotContain("PRIVATE", scrape.Text);
        Assert.DoesNotContain(cert.KeyPem.Split('\n')[1].Trim(), scrape.Text);
    }

    [Fact]
    public async Task Store_up_is_0_while_the_store_fails_its_probe_and_1_once_it_answers_again()
    {
        await using var plane = await InProcessControlPlane.StartAsync(storeProbeInterval: TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, (await ScrapeUntilAsync(plane, s => s.Value("gatehouse_store_up") == 1)).Value("gatehouse_store_up"));

        plane.Store.FailGets = true;
        var down = await ScrapeUntilAsync(plane, s => s.Value("gatehouse_store_up") == 0);
        Assert.Equal(0, down.Value("gatehouse_store_up"));
        Assert.Equal("gauge", down.TypeOf("gatehouse_store_up"));
        // The configuration families stay: they come from the model, which keeps its last revision.
        Assert.NotNull(down.Value("gatehouse_config_revision"));

        plane.Store.FailGets = false;
        Assert.Equal(1, (await ScrapeUntilAsync(plane, s => s.Value("gatehouse_store_up") == 1)).Value("gatehouse_store_up"));
    }
}
