using Gatehouse.ControlPlane.Hosting;

namespace Gatehouse.ControlPlane.Tests.Hosting;

[Collection(EnvironmentCollection.Name)]
public sealed class AdminTokenTests() : SecretLoadingTest(AdminToken.EnvironmentVariable)
{
    private const string TokenA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string TokenB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private string TokenPath => Path.Combine(DataDirectory, "admin-token");

    [Fact]
    public void Environment_variable_comes_first()
    {
        SetVariable(TokenA);
        var file = WriteFile("token", TokenB);

        var (token, newValue) = AdminToken.Load(file, DataDirectory);

        Assert.True(token.Matches(TokenA));
        Assert.False(token.Matches(TokenB));
        Assert.Null(newValue);
        Assert.False(File.Exists(TokenPath));
    }

    [Fact]
    public void Empty_environment_variable_is_unset()
    {
        SetVariable("");
        var file = WriteFile("token", TokenB + "\n");

        var (token, _) = AdminToken.Load(file, DataDirectory);

        Assert.True(token.Matches(TokenB));
    }

    [Fact]
    public void Token_file_is_read_trimmed()
    {
        var file = WriteFile("token", $"  {TokenA}\n");

        var (token, newValue) = AdminToken.Load(file, DataDirectory);

        Assert.True(token.Matches(TokenA));
        Assert.Null(newValue);
    }

    [Fact]
    public void Data_directory_file_is_used_when_present()
    {
        WriteFile("admin-token", TokenA + "\n");

        var (token, newValue) = AdminToken.Load(null, DataDirectory, allowGenerate: false);

        Assert.True(token.Matches(TokenA));
        Assert.Null(newValue);
    }

    [Fact]
    public void First_start_generates_a_0600_token_printed_once()
    {
        var (token, newValue) = AdminToken.Load(null, DataDirectory);

        Assert.NotNull(newValue);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", newValue); // 32 random bytes, base64url
        Assert.True(token.Matches(newValue));
        Assert.Equal(newValue, File.ReadAllText(TokenPath).Trim());
        AssertOwnerOnly(TokenPath);

        var (again, secondValue) = AdminToken.Load(null, DataDirectory);
        Assert.Null(secondValue);
        Assert.True(again.Matches(newValue));
    }

    [Fact]
    public void Generated_tokens_differ()
    {
        var (_, first) = AdminToken.Load(null, DataDirectory);
        File.Delete(TokenPath);
        var (_, second) = AdminToken.Load(null, DataDirectory);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Without_generation_a_missing_token_is_an_error()
    {
        Assert.Throws<InvalidOperationException>(() => AdminToken.Load(null, DataDirectory, allowGenerate: false));
        Assert.False(File.Exists(TokenPath));
    }

    [Fact]
    public void Short_tokens_are_refused_from_every_source()
    {
        var shortToken = new string('s', AdminToken.MinLength - 1);

        SetVariable(shortToken);
        var fromEnvironment = Assert.Throws<InvalidOperationException>(() => AdminToken.Load(null, DataDirectory));
        SetVariable(null);
        var file = WriteFile("token", shortToken);
        Assert.Throws<InvalidOperationException>(() => AdminToken.Load(file, DataDirectory));
        WriteFile("admin-token", shortToken);
        Assert.Throws<InvalidOperationException>(() => AdminToken.Load(null, DataDirectory));
        Assert.Throws<InvalidOperationException>(() => AdminToken.FromValue(shortToken));

        Assert.DoesNotContain(shortToken, fromEnvironment.Message);
    }

    [Fact]
    public void Token_of_exactly_the_minimum_length_is_accepted()
    {
        var token = new string('m', AdminToken.MinLength);

        Assert.True(AdminToken.FromValue(token).Matches(token));
    }

    [Theory]
    [InlineData(TokenA, true)]
    [InlineData(TokenB, false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)]   // one character short
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false)] // one character more
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false)]
    public void Matches_only_the_exact_token(string? presented, bool expected) =>
        Assert.Equal(expected, AdminToken.FromValue(TokenA).Matches(presented));

    [Fact]
    public void Session_stamp_identifies_the_token_without_revealing_it()
    {
        var a = AdminToken.FromValue(TokenA).SessionStamp;

        Assert.Equal(a, AdminToken.FromValue(TokenA).SessionStamp);
        Assert.NotEqual(a, AdminToken.FromValue(TokenB).SessionStamp);
        Assert.DoesNotContain("aaaa", a);
    }
}
