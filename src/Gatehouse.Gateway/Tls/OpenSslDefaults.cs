using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Gateway.Tls;

/// <summary>
/// Gives OpenSSL Gatehouse's TLS defaults before the process first touches TLS, so that objects on the default policy
/// need no per-handshake <c>CipherSuitesPolicy</c>. .NET keeps one OpenSSL context per certificate context — with
/// its session cache, ticket keys and loaded key — only for handshakes whose options carry no such policy; with one,
/// it builds a fresh context for every handshake and nothing can be resumed.
/// <para>
/// .NET has no API for OpenSSL's default cipher list, so this is done by hand: the configuration below is written to
/// a private temporary file, <c>OPENSSL_CONF</c> is set with libc's <c>setenv</c> (which reaches the native
/// environment; <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not on Unix), OpenSSL is started
/// at once — it reads its configuration then, and only then — and the file and the variable are removed. When the operator set <c>OPENSSL_CONF</c>, or the file cannot be written, the
/// defaults are not Gatehouse's: <see cref="ServerTlsOptionsFactory"/> then keeps a policy on every handshake.
/// </para>
/// </summary>
public static partial class OpenSslDefaults
{
    /// <summary>
    /// Mozilla's intermediate profile without DHE (<see cref="Core.Tls.Tls12CipherSuites.Intermediate"/>, in its order,
    /// in OpenSSL's spelling), for every TLS context of the process: server contexts, upstream and webhook clients.
    /// </summary>
    public const string Configuration = """
        # Written by Gatehouse at start-up (OpenSslDefaults): OpenSSL's defaults for the Gatehouse process.
        openssl_conf = gatehouse_init

        [gatehouse_init]
        ssl_conf = gatehouse_ssl

        [gatehouse_ssl]
        system_default = gatehouse_tls

        [gatehouse_tls]
        MinProtocol = TLSv1.2
        CipherString = ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:@SECLEVEL=2
        Ciphersuites = TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256

        """;

    /// <summary>What <see cref="Apply"/> did; the server options and the start-up log read it.</summary>
    public static OpenSslDefaultsOutcome Outcome { get; private set; } = OpenSslDefaultsOutcome.NotApplied;

    /// <summary>True when every context the process builds starts from <see cref="Configuration"/>.</summary>
    public static bool InEffect => Outcome == OpenSslDefaultsOutcome.Applied;

    /// <summary>Call first thing in <c>Main</c>; once OpenSSL has started, changing its configuration has no effect.</summary>
    public static void Apply()
    {
        if (!OperatingSystem.IsLinux())
            return;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENSSL_CONF")))
        {
            Outcome = OpenSslDefaultsOutcome.OperatorConfiguration;
            return;
        }
        string? path = null;
        try
        {
            path = WriteConfiguration();
            if (SetEnv("OPENSSL_CONF", path, 1) != 0)
            {
                Outcome = OpenSslDefaultsOutcome.Unavailable;
                return;
            }
            // The first cryptographic call starts OpenSSL, which reads its configuration now and never again.
            SHA256.HashData(Encoding.UTF8.GetBytes(Configuration));
            UnsetEnv("OPENSSL_CONF");
            Outcome = OpenSslDefaultsOutcome.Applied;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            Outcome = OpenSslDefaultsOutcome.Unavailable;
        }
        finally
        {
            if (path is not null)
                File.Delete(path);
        }
    }

    /// <summary>Says at start-up when the defaults are not Gatehouse's, and what that costs.</summary>
    public static void LogOutcome(ILogger logger)
    {
        if (Outcome is OpenSslDefaultsOutcome.OperatorConfiguration or OpenSslDefaultsOutcome.Unavailable)
            LogNotInEffect(logger, Outcome, Environment.GetEnvironmentVariable("OPENSSL_CONF") ?? "");
    }

    [LoggerMessage(EventId = 330, Level = LogLevel.Warning, Message = "OpenSSL defaults are not Gatehouse's ({Outcome}, OPENSSL_CONF={Path}): " +
        "every handshake carries its own cipher policy, builds its own TLS context and cannot resume a session")]
    private static partial void LogNotInEffect(ILogger logger, OpenSslDefaultsOutcome outcome, string path);

    /// <summary>
    /// A new file with a random name, readable by this user only, so no other local user can prepare or change what
    /// OpenSSL reads. No hashing here: any cryptography would start OpenSSL before <c>OPENSSL_CONF</c> is set.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static string WriteConfiguration()
    {
        var path = Path.Combine(Path.GetTempPath(), $"gatehouse-openssl-{Guid.NewGuid():N}.cnf");
        using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        file.Write(Encoding.UTF8.GetBytes(Configuration));
        return path;
    }

    [DllImport("libc", EntryPoint = "unsetenv")]
    private static extern int UnsetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
