namespace Gatehouse.ControlPlane.Tests.Hosting;

/// <summary>Tests that set process environment variables run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>A fresh data directory, and the given environment variable cleared for the test and restored after it.</summary>
public abstract class SecretLoadingTest : IDisposable
{
    private readonly string _variable;
    private readonly string? _saved;

    protected SecretLoadingTest(string variable)
    {
        _variable = variable;
        _saved = Environment.GetEnvironmentVariable(variable);
        Environment.SetEnvironmentVariable(variable, null);
        DataDirectory = Directory.CreateTempSubdirectory("gatehouse-cp-tests-").FullName;
    }

    protected string DataDirectory { get; }

    protected void SetVariable(string? value) => Environment.SetEnvironmentVariable(_variable, value);

    protected string WriteFile(string name, string content)
    {
        var path = Path.Combine(DataDirectory, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Secret files are mode 0600 (Windows has no such mode; SecretFiles sets none there).</summary>
    protected static void AssertOwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_variable, _saved);
        Directory.Delete(DataDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
