using Gatehouse.Core.Ids;

namespace Gatehouse.Core.Tests.Ids;

public sealed class ObjectIdsTests
{
    [Fact]
    public void New_ids_are_26_lower_case_crockford_characters()
    {
        for (var i = 0; i < 200; i++)
        {
            var id = ObjectIds.NewId(DateTimeOffset.UtcNow);

            Assert.Matches("^[0-9a-hjkmnp-tv-z]{26}$", id);
            Assert.True(ObjectIds.IsWellFormed(id));
        }
    }

    [Fact]
    public void New_ids_are_unique()
    {
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 1000).Select(_ => ObjectIds.NewId(now)).ToHashSet();
        Assert.Equal(1000, ids.Count);
    }

    [Fact]
    public void Ids_created_later_sort_after_earlier_ones()
    {
        var start = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var previous = ObjectIds.NewId(start);
        foreach (var step in new[] { 1, 2, 1000, 86_400_000L, 3_153_600_000_000L })
        {
            var next = ObjectIds.NewId(start.AddMilliseconds(step));
            Assert.True(string.CompareOrdinal(previous, next) < 0, $"{previous} should sort before {next}");
            previous = next;
        }
    }

    [Fact]
    public void The_time_is_the_first_ten_characters()
    {
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var a = ObjectIds.NewId(now);
        var b = ObjectIds.NewId(now);

        Assert.Equal(a[..10], b[..10]);
        Assert.Equal("0000000000", ObjectIds.NewId(DateTimeOffset.UnixEpoch)[..10]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("01jabcdefghjkmnpqrstvwxyz")]
    [InlineData("01jabcdefghjkmnpqrstvwxyz00")]
    [InlineData("01JABCDEFGHJKMNPQRSTVWXYZ0")]
    [InlineData("01jabcdefghjkmnpqrstvwxyzi")]
    [InlineData("01jabcdefghjkmnpqrstvwxyzl")]
    [InlineData("01jabcdefghjkmnpqrstvwxyzo")]
    [InlineData("01jabcdefghjkmnpqrstvwxyzu")]
    [InlineData("81jabcdefghjkmnpqrstvwxyz0")]
    [InlineData("../../etc/passwd/aaaaaaaaa")]
    public void Malformed_ids_are_refused(string? id) => Assert.False(ObjectIds.IsWellFormed(id));

    [Theory]
    [InlineData("01jabcdefghjkmnpqrstvwxyz0")]
    [InlineData("7zzzzzzzzzzzzzzzzzzzzzzzzz")]
    [InlineData("00000000000000000000000000")]
    public void Well_formed_ids_are_accepted(string id) => Assert.True(ObjectIds.IsWellFormed(id));
}
