using System.Diagnostics;
using System.Net;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Process;

namespace Gatehouse.Functional.Tests.Access;

/// <summary>Failed authentications are limited per client address (DESIGN.md §14); other clients go on as before.</summary>
public sealed class BruteForceTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    [Fact]
    public async Task Twenty_wrong_tokens_from_one_address_get_429_while_a_valid_client_is_unaffected()
    {
        var attackerAddress = IPAddress.Parse("127.0.0.2");
        using var attacker = BoundClient.Create(fixture.Process.AdminUri, attackerAddress, "ght_" + new string('A', 43));
        using var valid = fixture.Process.AdminClient();

        var statuses = new List<int>();
        var validLatencies = new List<double>();
        string? retryAfter = null;
        for (var i = 0; i < 20; i++)
        {
            using var response = await attacker.GetAsync("/api/v1/ssls");
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryAfter ??= response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString();
                Assert.Contains("\"too_many_attempts\"", await response.Content.ReadAsStringAsync());
            }
            var started = Stopwatch.GetTimestamp();
            Assert.Equal(200, (await valid.SendAsync(HttpMethod.Get, "/api/v1/ssls")).Status);
            validLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(401, s));
        Assert.All(statuses.Skip(10), s => Assert.Equal(429, s));
        Assert.NotNull(retryAfter);
        Assert.InRange(double.Parse(retryAfter!), 1, 60);
        // Never slowed: no tarpit for anyone (generous bound for a loaded two-core machine).
        Assert.True(validLatencies.Order().ElementAt(validLatencies.Count / 2) < 500, string.Join(", ", validLatencies));

        // While the address is over its limit even the right token is not checked from it: no oracle.
        using var blockedButRight = BoundClient.Create(fixture.Process.AdminUri, attackerAddress, GatehouseProcess.Token);
        using var refused = await blockedButRight.GetAsync("/api/v1/ssls");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        // The attacker's guesses are logged by address, never by what they presented.
        Assert.Contains("Failed API authentication from 127.0.0.2", fixture.Process.Output);
        Assert.DoesNotContain(new string('A', 43), fixture.Process.Output);
    }
}
