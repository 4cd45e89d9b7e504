using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Gatehouse.Core.Ssl;

/// <summary>
/// Formats a distinguished name as RFC 4514 text (last RDN first, comma-separated, escaped). Written by hand
/// because the BCL's <see cref="X500DistinguishedName.Name"/> uses its own separators and escaping.
/// </summary>
public static class DistinguishedNames
{
    private static readonly Dictionary<string, string> ShortNames = new()
    {
        ["2.5.4.3"] = "CN", ["2.5.4.6"] = "C", ["2.5.4.7"] = "L", ["2.5.4.8"] = "ST", ["2.5.4.9"] = "STREET",
        ["2.5.4.10"] = "O", ["2.5.4.11"] = "OU", ["0.9.2342.19200300.100.1.25"] = "DC",
        ["0.9.2342.19200300.100.1.1"] = "UID",
    };

    public static string ToRfc4514(X500DistinguishedName name)
    {
        var rdns = name.EnumerateRelativeDistinguishedNames().Reverse();
        return string.Join(",", rdns.Select(Format));
    }

    private static string Format(X500RelativeDistinguishedName rdn)
    {
        if (rdn.HasMultipleElements) return "#" + Convert.ToHexStringLower(rdn.RawData.Span);
        var oid = rdn.GetSingleElementType().Value ?? "";
        var type = ShortNames.GetValueOrDefault(oid, oid);
        return type + "=" + Escape(rdn.GetSingleElementValue() ?? "");
    }

    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var special = c is ',' or '+' or '"' or '\\' or '<' or '>' or ';'
                || (i == 0 && c is '#' or ' ')
                || (i == value.Length - 1 && c == ' ');
            if (special) text.Append('\\');
            if (c < ' ') text.Append('\\').Append(((int)c).ToString("x2"));
            else text.Append(c);
        }
        return text.ToString();
    }
}
