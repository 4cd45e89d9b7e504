using Gatehouse.Core.Services;
using Gatehouse.Gateway.Forwarding;
using static Gatehouse.Gateway.Tests.TestObjects;

namespace Gatehouse.Gateway.Tests.Forwarding;

public sealed class WeightedTargetsTests
{
    private static WeightedTargets Targets(params TargetRecord[] targets) => new(Upstream(targets: targets));

    private static List<string> Take(WeightedTargets targets, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => targets.Next()!.Host)];

    [Fact]
    public void Each_target_gets_its_weight_in_a_block_per_cycle()
    {
        // docs/decisions.md: 3:1 → AAAB.
        var targets = Targets(new("a", 80, 3), new("b", 80, 1));

        Assert.Equal(["a", "a", "a", "b", "a", "a", "a", "b"], Take(targets, 8));
    }

    [Theory]
    [InlineData(new[] { 1, 1 })]
    [InlineData(new[] { 5, 3, 2 })]
    [InlineData(new[] { 1, 7, 1, 4 })]
    [InlineData(new[] { 100 })]
    public void Distribution_is_exactly_proportional_over_every_cycle(int[] weights)
    {
        var targets = Targets([.. weights.Select((w, i) => new TargetRecord($"t{i}", 80, w))]);
        var cycle = weights.Sum();

        for (var round = 0; round < 3; round++)
        {
            var counts = Take(targets, cycle).GroupBy(h => h).ToDictionary(g => g.Key, g => g.Count());
            for (var i = 0; i < weights.Length; i++) Assert.Equal(weights[i], counts[$"t{i}"]);
        }
    }

    [Fact]
    public void Weight_zero_is_drained()
    {
        var targets = Targets(new("a", 80, 2), new("drained", 80, 0), new("b", 80, 1));

        var picked = Take(targets, 30);

        Assert.DoesNotContain("drained", picked);
        Assert.Equal(20, picked.Count(h => h == "a"));
        Assert.Equal(10, picked.Count(h => h == "b"));
    }

    [Fact]
    public void Every_weight_zero_gives_no_target()
    {
        var targets = Targets(new("a", 80, 0), new("b", 80, 0));

        Assert.Null(targets.Next());
        Assert.Null(targets.Next());
    }

    [Fact]
    public void Concurrent_callers_still_share_one_exact_schedule()
    {
        var targets = Targets(new("a", 80, 3), new("b", 80, 1));
        var picked = new System.Collections.Concurrent.ConcurrentBag<string>();

        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => picked.Add(targets.Next()!.Host));

        Assert.Equal(3000, picked.Count(h => h == "a"));
        Assert.Equal(1000, picked.Count(h => h == "b"));
    }

    [Theory]
    [InlineData("http", "backend.test", 8080, "http://backend.test:8080")]
    [InlineData("https", "192.0.2.10", 443, "https://192.0.2.10:443")]
    [InlineData("https", "2001:db8::1", 8443, "https://[2001:db8::1]:8443")]
    public void Destination_prefix_carries_scheme_and_authority(string scheme, string host, int port, string expected)
    {
        var targets = new WeightedTargets(Upstream(scheme, [new TargetRecord(host, port, 1)]));

        Assert.Equal(expected, targets.Next()!.DestinationPrefix);
    }
}
