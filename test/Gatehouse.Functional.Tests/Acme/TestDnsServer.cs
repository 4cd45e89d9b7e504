using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Gatehouse.Functional.Tests.Acme;

/// <summary>
/// A tiny DNS responder on a loopback UDP port for pebble's <c>-dnsserver</c>: every A question is answered with
/// <see cref="Address"/> (127.0.0.1 unless a test points names elsewhere), every other question with no answer.
/// </summary>
public sealed class TestDnsServer : IAsyncDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TestDnsServer() => _loop = ServeAsync();

    public int Port => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

    /// <summary>What A questions get; a test moves it to make the CA's validation fail.</summary>
    public IPAddress Address { get; set; } = IPAddress.Loopback;

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult request;
            try
            {
                request = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            if (Answer(request.Buffer) is { } response) await _udp.SendAsync(response, request.RemoteEndPoint);
        }
    }

    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 12 || BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(4)) != 1) return null;
        // The question: labels up to the zero byte, then type and class.
        var end = 12;
        while (end < query.Length && query[end] != 0) end += query[end] + 1;
        if (end + 5 > query.Length) return null;
        var question = query.AsSpan(12, end + 5 - 12);
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(end + 1));
        var isA = type == 1;
        var response = new List<byte>(query.AsSpan(0, 2).ToArray()) { 0x81, 0x80, 0, 1, 0, (byte)(isA ? 1 : 0), 0, 0, 0, 0 };
        response.AddRange(question.ToArray());
        if (isA)
        {
            // A pointer to the question's name, type A, class IN, TTL 0, 4 bytes of address.
            response.AddRange([0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4]);
            response.AddRange(Address.GetAddressBytes());
        }
        return [.. response];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        await _loop;
        _stop.Dispose();
    }
}
