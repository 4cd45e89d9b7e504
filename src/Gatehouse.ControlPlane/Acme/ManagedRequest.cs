using System.Net;
using Gatehouse.Acme;
using Gatehouse.ControlPlane.Api;
using Gatehouse.Core.Names;
using Gatehouse.Core.Validation;

namespace Gatehouse.ControlPlane.Acme;

/// <summary>
/// <c>POST /ssls</c> with <c>acme</c>: {"issuer", "domains", "challenge"?}, beside <c>type</c> (server only) and
/// <c>labels</c>. The certificate and key fields belong to the CA (400 <c>managed_field</c>); wildcards need dns-01,
/// which Gatehouse does not offer.
/// </summary>
internal sealed record ManagedRequest(string Issuer, IReadOnlyList<string> Domains, string Challenge, IReadOnlyList<string> Labels)
{
    public const int MaxDomains = 100;

    /// <summary>Fields that hold what the CA issues: never written by hand on a managed object.</summary>
    public static IReadOnlyList<string> ManagedFields { get; } = ["certificate", "private_key", "alt_certificate", "alt_private_key"];

    private static readonly IReadOnlySet<string> AcmeFields = new HashSet<string> { "issuer", "domains", "challenge" };

    private static readonly IReadOnlySet<string> AllowedBeside = new HashSet<string> { "acme", "type", "labels" };

    public static ManagedRequest From(JsonBody body)
    {
        var errors = new List<ValidationError>();
        foreach (var field in ManagedFields.Where(body.Has))
            errors.Add(ManagedField(field));
        foreach (var field in body.Root.EnumerateObject().Select(p => p.Name).Where(n => !AllowedBeside.Contains(n) && !ManagedFields.Contains(n)).Distinct())
            errors.Add(new(field, "invalid_parameter", $"{field} is not supported on a managed (ACME) object; it takes acme, type and labels."));
        var type = body.String("type", errors);
        if (type is not null and not "server")
            errors.Add(new("type", "invalid_parameter", "A managed (ACME) object is a server object: type must be \"server\" or omitted."));
        var labels = body.StringArray("labels", errors) ?? [];
        string? issuer = null, challenge = AcmeChallenge.Http01;
        var domains = new List<string>();
        if (JsonFields.Read(body.Root.GetProperty("acme"), "acme", AcmeFields, errors) is { } acme)
        {
            issuer = acme.String("issuer");
            if (issuer is null) acme.Missing("issuer", "the id of an ACME issuer (/api/v1/acme/issuers)");
            challenge = acme.String("challenge") ?? AcmeChallenge.Http01;
            if (challenge is not (AcmeChallenge.Http01 or AcmeChallenge.TlsAlpn01))
                errors.Add(new("acme.challenge", "invalid_parameter", "acme.challenge must be http-01 (default) or tls-alpn-01."));
            var names = acme.Strings("domains");
            if (names is null) acme.Missing("domains", "the names to put in the certificate");
            else ReadDomains(names, domains, errors);
        }
        if (errors.Count > 0) throw DomainError.FromValidation(new ValidationErrors(errors));
        return new ManagedRequest(issuer!, domains, challenge, labels);
    }

    public static ValidationError ManagedField(string field) =>
        new(field, "managed_field", $"{field} is obtained from the ACME CA on a managed object; detach it first (POST /api/v1/ssls/{{id}}/detach) to write it by hand.");

    private static void ReadDomains(IReadOnlyList<string> names, List<string> domains, List<ValidationError> errors)
    {
        if (names.Count is 0 or > MaxDomains)
        {
            errors.Add(new("acme.domains", "invalid_parameter", $"acme.domains must list 1 to {MaxDomains} names."));
            return;
        }
        for (var i = 0; i < names.Count; i++)
        {
            var field = $"acme.domains[{i}]";
            if (names[i].StartsWith("*.", StringComparison.Ordinal))
            {
                errors.Add(new(field, "invalid_host",
                    $"{field} is a wildcard: a CA validates wildcards only with dns-01, which Gatehouse does not answer. List each name instead."));
                continue;
            }
            var name = HostName.Normalize(names[i]);
            if (name is null || IPAddress.TryParse(name, out _) || !name.Contains('.') || name.Contains('*'))
            {
                errors.Add(new(field, "invalid_host", $"{field} must be a DNS name with at least two labels (no IP address, no wildcard)."));
                continue;
            }
            if (domains.Contains(name)) errors.Add(new(field, "invalid_host", $"{field} repeats an earlier name."));
            else domains.Add(name);
        }
    }
}
