using System.Globalization;

namespace Gatehouse.Functional.Tests.Lifecycle;

/// <summary>
/// Moves a gatehouse process's clock: the file named by <c>GATEHOUSE_TEST_CLOCK_FILE</c> holds the offset in seconds
/// that the process adds to the system time.
/// </summary>
public sealed class TestClock : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gatehouse-clock-").FullName;

    public TestClock() => Set(TimeSpan.Zero);

    public string Path => System.IO.Path.Combine(_directory, "offset");

    /// <summary>What the process's clock reads now.</summary>
    public DateTimeOffset Now => DateTimeOffset.UtcNow + Offset;

    public TimeSpan Offset { get; private set; }

    public void Set(TimeSpan offset)
    {
        Offset = offset;
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, offset.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        File.Move(temporary, Path, overwrite: true);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
