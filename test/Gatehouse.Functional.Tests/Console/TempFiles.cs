namespace Gatehouse.Functional.Tests.Console;

/// <summary>A temporary directory for files the browser uploads.</summary>
public sealed class TempFiles : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("gatehouse-console-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
