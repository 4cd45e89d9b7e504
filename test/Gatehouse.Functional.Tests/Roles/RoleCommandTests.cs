using System.CommandLine;
using Gatehouse.Commands;

namespace Gatehouse.Functional.Tests.Roles;

/// <summary>The role commands' help and usage errors, through the real parser in-process.</summary>
public sealed class RoleCommandTests
{
    [Fact]
    public async Task Help_lists_both_roles_and_each_has_its_own_help()
    {
        var (code, root) = await RunAsync("--help");
        Assert.Equal(0, code);
        Assert.Contains("gateway", root);
        Assert.Contains("control-plane", root);

        var (_, gateway) = await RunAsync("gateway", "--help");
        Assert.Contains("--store", gateway);
        Assert.Contains("--status-listen", gateway);
        Assert.Contains("--keyring-file", gateway);
        Assert.DoesNotContain("--admin-listen", gateway);

        var (_, controlPlane) = await RunAsync("control-plane", "--help");
        Assert.Contains("--store", controlPlane);
        Assert.Contains("--admin-listen", controlPlane);
        Assert.Contains("--admin-insecure", controlPlane);
        Assert.DoesNotContain("--https-listen", controlPlane);
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("control-plane")]
    [InlineData("gateway", "--store", "http://127.0.0.1:2379")]
    [InlineData("control-plane", "--store", "sqlite://x")]
    [InlineData("control-plane", "--store", "etcd://127.0.0.1:2379", "--admin-listen", "0.0.0.0:9180")]
    public async Task A_missing_or_bad_store_or_an_unsafe_admin_listener_is_a_usage_error(params string[] args)
    {
        var (code, _) = await RunAsync(args);
        Assert.Equal(2, code);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var code = await GatehouseCli.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = output });
        return (code, output.ToString());
    }
}
