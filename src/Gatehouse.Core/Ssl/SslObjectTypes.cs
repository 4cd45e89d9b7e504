namespace Gatehouse.Core.Ssl;

/// <summary>The wire names of <see cref="SslObjectType"/>.</summary>
public static class SslObjectTypes
{
    public static string ToWire(this SslObjectType type) => type == SslObjectType.Client ? "client" : "server";

    public static bool TryParse(string? text, out SslObjectType type)
    {
        switch (text)
        {
            case "server": type = SslObjectType.Server; return true;
            case "client": type = SslObjectType.Client; return true;
            default: type = SslObjectType.Server; return false;
        }
    }
}
