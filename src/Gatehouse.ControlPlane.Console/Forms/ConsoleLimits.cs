namespace Gatehouse.ControlPlane.Console.Forms;

/// <summary>Size limits of console forms.</summary>
internal static class ConsoleLimits
{
    /// <summary>A whole form post: the API's 1 MiB body limit plus room for multipart framing.</summary>
    public const int FormBytes = 1024 * 1024 + 64 * 1024;
}
