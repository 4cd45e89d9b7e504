using Gatehouse.Gateway.Routing;

namespace Gatehouse.Gateway.Tests.Routing;

public sealed class PathPrefixTests
{
    [Theory]
    [InlineData("/api", "/api", true)]
    [InlineData("/api", "/api/", true)]
    [InlineData("/api", "/api/x/y", true)]
    [InlineData("/api", "/apix", false)]
    [InlineData("/api", "/ap", false)]
    [InlineData("/api", "/", false)]
    [InlineData("/api", "/v1/api", false)]
    [InlineData("/api/v1", "/api/v1/users", true)]
    [InlineData("/api/v1", "/api/v10", false)]
    [InlineData("/api/v1", "/api", false)]
    public void Matches_on_segment_boundaries(string prefix, string path, bool expected) =>
        Assert.Equal(expected, PathPrefix.Matches(prefix, path));

    [Theory]
    [InlineData("/")]
    [InlineData("/anything")]
    [InlineData("/a/b/c")]
    [InlineData("")]
    public void Root_prefix_matches_every_path(string path) => Assert.True(PathPrefix.Matches("/", path));

    [Theory]
    [InlineData("/api", "/API")]
    [InlineData("/api", "/Api/x")]
    [InlineData("/API", "/api")]
    public void Matching_is_case_sensitive(string prefix, string path) => Assert.False(PathPrefix.Matches(prefix, path));
}
