using System.Text;
using Gatehouse.Gateway.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatehouse.Gateway.Tests.Logging;

public sealed class AccessLogWriterTests
{
    /// <summary>A destination whose writes wait until released, like a disk that cannot keep up.</summary>
    private sealed class GatedStream : MemoryStream
    {
        public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource FirstWrite { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            FirstWrite.TrySetResult();
            await Open.Task;
            await base.WriteAsync(buffer, cancellationToken);
        }
    }

    [Fact]
    public async Task Lines_beyond_the_buffer_are_dropped_and_counted_never_waited_for_and_the_rest_are_written_on_dispose()
    {
        var stream = new GatedStream();
        var writer = new AccessLogWriter(stream, ownsStream: false, NullLogger.Instance, capacity: 10);
        writer.Write("first");
        await stream.FirstWrite.Task.WaitAsync(TimeSpan.FromSeconds(10)); // the writer is now stuck on "first"
        for (var i = 0; i < 25; i++) writer.Write($"line {i}"); // returns at once although nothing is written
        Assert.Equal(15, writer.Dropped);

        stream.Open.SetResult();
        await writer.DisposeAsync();
        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        Assert.Equal(["first", .. Enumerable.Range(0, 10).Select(i => $"line {i}"), ""], lines);
        Assert.Equal(15, writer.Dropped);
    }

    [Fact]
    public async Task Dispose_writes_every_line_handed_over_in_order()
    {
        var stream = new MemoryStream();
        var writer = new AccessLogWriter(stream, ownsStream: false, NullLogger.Instance);
        var expected = Enumerable.Range(0, 5000).Select(i => $"request {i} é").ToList();
        foreach (var line in expected) writer.Write(line);
        await writer.DisposeAsync();
        Assert.Equal([.. expected, ""], Encoding.UTF8.GetString(stream.ToArray()).Split('\n'));
        Assert.Equal(0, writer.Dropped);
    }

    [Fact]
    public async Task A_failing_destination_counts_its_lines_as_dropped()
    {
        var stream = new MemoryStream();
        stream.Dispose();
        var writer = new AccessLogWriter(stream, ownsStream: false, NullLogger.Instance);
        writer.Write("a");
        writer.Write("b");
        await writer.DisposeAsync();
        Assert.Equal(2, writer.Dropped);
    }
}
