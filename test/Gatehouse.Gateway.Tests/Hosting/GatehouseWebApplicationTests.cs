using Gatehouse.Hosting.Builder;
using Microsoft.Extensions.Configuration;

namespace Gatehouse.Gateway.Tests.Hosting;

public sealed class GatehouseWebApplicationTests
{
    [Fact]
    public async Task Settings_files_are_read_without_a_file_watcher()
    {
        var builder = GatehouseWebApplication.CreateSlimBuilder("gatehouse-test");

        // ASP.NET Core's defaults add appsettings.json and appsettings.{Environment}.json with reload on change, which
        // watches the working directory recursively; here the files are still sources, read once.
        var files = ((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>().ToList();
        Assert.Contains(files, f => f.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.ReloadOnChange, $"{f.Path} is watched"));
        await using var app = builder.Build();
        Assert.All(((IConfigurationRoot)app.Configuration).Providers.OfType<FileConfigurationProvider>(),
            p => Assert.False(p.Source.ReloadOnChange, $"{p.Source.Path} is watched"));
    }
}
