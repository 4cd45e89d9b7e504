namespace Gatehouse.Storage;

/// <summary>The key layout of DESIGN.md §6.</summary>
public static class StoreKeys
{
    /// <summary>Everything Gatehouse stores lives under this prefix.</summary>
    public const string Root = "/gatehouse/";

    /// <summary>Prefix of SSL objects.</summary>
    public const string Ssls = "/gatehouse/ssls/";

    /// <summary>Prefix of services.</summary>
    public const string Services = "/gatehouse/services/";

    /// <summary>
    /// Bumped by every admin write; admin writes are conditioned on it so that cross-key rules
    /// checked against one read still hold when the write lands (optimistic serialisation, see docs/decisions.md).
    /// </summary>
    public const string WriteFence = "/gatehouse/meta/write-fence";

    /// <summary>Prefix of named tokens, each keyed by the SHA-256 of its secret (DESIGN.md §14).</summary>
    public const string Tokens = "/gatehouse/tokens/";

    /// <summary>Prefix of the name index of tokens: name → hash, so names are unique and a delete by name is a point read.</summary>
    public const string TokenNames = "/gatehouse/token-names/";

    /// <summary>Prefix of console sessions, each keyed by the SHA-256 of its session id.</summary>
    public const string Sessions = "/gatehouse/sessions/";

    /// <summary>Prefix of OCSP records, one per server object whose leaf names a responder (DESIGN.md §12).</summary>
    public const string OcspRecords = "/gatehouse/ocsp/";

    public static string Ssl(string id) => Ssls + id;

    public static string Ocsp(string sslId) => OcspRecords + sslId;

    public static string Service(string id) => Services + id;

    public static string Token(string hash) => Tokens + hash;

    public static string TokenName(string name) => TokenNames + name;

    public static string Session(string hash) => Sessions + hash;
}
