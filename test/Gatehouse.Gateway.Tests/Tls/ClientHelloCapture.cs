using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Gatehouse.Gateway.Tests.Tls;

/// <summary>Captures the first TLS record real clients send (openssl s_client, .NET's SslStream) on a loopback listener.</summary>
internal static class ClientHelloCapture
{
    /// <summary>The bytes <c>openssl s_client</c> with <paramref name="args"/> sends first: one complete TLS record.</summary>
    public static async Task<byte[]> OpenSslAsync(params string[] args)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-servername", "hello.test" }.Concat(args)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        try
        {
            using var client = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(20));
            return await ReadRecordAsync(client.GetStream());
        }
        finally
        {
            if (!process.HasExited) process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The bytes .NET's client handshake sends first.</summary>
    public static async Task<byte[]> DotNetAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        using var accepted = await listener.AcceptTcpClientAsync();
        var ssl = new SslStream(tcp.GetStream());
        var handshake = ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "hello.test" });
        var record = await ReadRecordAsync(accepted.GetStream());
        accepted.Close();
        await Assert.ThrowsAnyAsync<Exception>(() => handshake);
        await ssl.DisposeAsync();
        return record;
    }

    private static async Task<byte[]> ReadRecordAsync(Stream stream)
    {
        var header = new byte[5];
        await stream.ReadExactlyAsync(header).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        var record = new byte[5 + ((header[3] << 8) | header[4])];
        header.CopyTo(record, 0);
        await stream.ReadExactlyAsync(record.AsMemory(5)).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        return record;
    }
}
