using System.CommandLine;
using Gatehouse.ControlPlane.Hosting;
using Gatehouse.Core.Secrets;

namespace Gatehouse.Commands.Hosting;

/// <summary>
/// <c>--token-file</c> and <c>--keyring-file</c>. <c>up</c> falls back to files generated in its data directory;
/// the split roles require both secrets from the environment or these files, shared by every node (DESIGN.md §6).
/// </summary>
internal sealed class SecretOptions(bool dataDirectoryFallback)
{
    public Option<string?> TokenFile { get; } = new("--token-file")
    {
        Description = $"File holding the admin token (at least 32 characters). Default: GATEHOUSE_ADMIN_TOKEN, {Fallback(dataDirectoryFallback)}.",
    };

    public Option<string?> KeyringFile { get; } = new("--keyring-file")
    {
        Description = $"File holding the keyring (comma-separated base64 32-byte keys). Default: GATEHOUSE_KEYRING, {Fallback(dataDirectoryFallback)}.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(TokenFile);
        command.Options.Add(KeyringFile);
    }

    /// <summary>Only <c>--keyring-file</c>: a gateway takes no admin token (DESIGN.md §6).</summary>
    public void AddKeyringTo(Command command) => command.Options.Add(KeyringFile);

    /// <summary>
    /// The token and keyring every node of the split roles shares: from the environment or the files, never generated
    /// (a node with its own keyring could not read the others' keys). Throws when either is missing.
    /// </summary>
    public (AdminToken Token, Keyring Keyring) LoadShared(ParseResult parse) =>
        (AdminToken.Load(parse.GetValue(TokenFile), dataDirectory: null, allowGenerate: false).Token, LoadSharedKeyring(parse));

    /// <summary>
    /// The shared keyring alone, for a gateway: a data-plane host holds no admin credential (DESIGN.md §6), so it neither
    /// needs nor reads the admin token. Throws when the keyring is missing.
    /// </summary>
    public Keyring LoadSharedKeyring(ParseResult parse) =>
        KeyringLoader.Load(parse.GetValue(KeyringFile), dataDirectory: null, allowGenerate: false);

    private static string Fallback(bool dataDirectory) =>
        dataDirectory ? "else generated into the data directory" : "else the node refuses to start (every node must share it)";
}
