using System.Text.Json.Nodes;
using Gatehouse.ControlPlane.Declarative;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Declarative;

/// <summary>Builds apply documents (YAML files with their key files beside them) for the declarative tests.</summary>
public sealed class ConfigDocument
{
    private readonly JsonArray _ssls = [];
    private readonly JsonArray _services = [];
    private readonly List<(string Name, string Pem)> _keys = [];

    /// <summary>Every key PEM this document refers to: none of their lines may appear in any output.</summary>
    public IEnumerable<string> KeyLines => _keys.SelectMany(k => Api.SslJson.Base64Lines(k.Pem));

    public ConfigDocument Ssl(string name, TestCert cert, string? type = null, string? ca = null, string? keyPem = null, Action<JsonObject>? edit = null)
    {
        var ssl = new JsonObject { ["name"] = name };
        if (type is not null) ssl["type"] = type;
        ssl["certificate"] = cert.ChainPem;
        ssl["private_key_file"] = ConfigExporter.KeyFile(name);
        if (ca is not null) ssl["ca_certificate"] = ca;
        edit?.Invoke(ssl);
        _ssls.Add(ssl);
        _keys.Add((name, keyPem ?? cert.KeyPem));
        return this;
    }

    public ConfigDocument Service(string name, string[] hosts, string[]? protocols = null, string? clientSsl = null, int port = 8080)
    {
        var upstream = new JsonObject
        {
            ["scheme"] = clientSsl is null ? "http" : "https",
            ["targets"] = new JsonArray(new JsonObject { ["host"] = "192.0.2.30", ["port"] = port }),
        };
        if (clientSsl is not null) upstream["client_ssl"] = clientSsl;
        _services.Add(new JsonObject
        {
            ["name"] = name,
            ["hosts"] = new JsonArray([.. hosts.Select(h => (JsonNode?)h)]),
            ["protocols"] = new JsonArray([.. (protocols ?? ["https"]).Select(p => (JsonNode?)p)]),
            ["upstream"] = upstream,
        });
        return this;
    }

    /// <summary>Writes <c>DIR/gatehouse.yaml</c> and <c>DIR/keys/NAME.key</c>; returns the YAML path.</summary>
    public string WriteTo(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "keys"));
        foreach (var (name, pem) in _keys) File.WriteAllText(Path.Combine(directory, ConfigExporter.KeyFile(name)), pem);
        var path = Path.Combine(directory, "gatehouse.yaml");
        File.WriteAllText(path, YamlDocuments.ToYaml(new JsonObject { ["ssls"] = _ssls.DeepClone(), ["services"] = _services.DeepClone() }));
        return path;
    }
}
