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

    public static string Ssl(string id) => Ssls + id;

    public static string Service(string id) => Services + id;
}
