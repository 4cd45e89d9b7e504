namespace Gatehouse.Storage;

/// <summary>
/// Where ACME state lives (DESIGN.md §12). Beside the configuration root, not under it: writing an attempt's progress
/// or a challenge never rebuilds a gateway's configuration snapshot, and no configuration read lists it.
/// </summary>
public static class AcmeKeys
{
    public const string Root = "/gatehouse-acme/";

    /// <summary>ACME issuers (directory, contact, encrypted EAB key and account key).</summary>
    public const string Issuers = Root + "issuers/";

    /// <summary>The ACME side of each managed SSL object, keyed by the object's id: domains, state, lease, history.</summary>
    public const string Managed = Root + "managed/";

    /// <summary>Pending challenge answers, keyed by token; every gateway watches this prefix and answers from it.</summary>
    public const string Challenges = Root + "challenges/";

    public static string Issuer(string id) => Issuers + id;

    public static string ManagedObject(string id) => Managed + id;

    public static string Challenge(string token) => Challenges + token;
}
