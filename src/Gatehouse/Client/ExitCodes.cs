namespace Gatehouse.Client;

/// <summary>The exit codes of the client commands (DESIGN.md §7).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 2;
    public const int Rejected = 3;
    public const int Unauthorized = 4;
    public const int Unavailable = 5;

    /// <summary>The exit code for an HTTP status the Admin API answered with.</summary>
    public static int ForStatus(int status) => status switch
    {
        >= 200 and < 300 => Ok,
        401 => Unauthorized,
        >= 400 and < 500 => Rejected,
        _ => Unavailable,
    };
}
