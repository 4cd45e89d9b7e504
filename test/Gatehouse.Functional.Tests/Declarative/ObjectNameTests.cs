using System.Text.Json;
using System.Text.Json.Nodes;
using Gatehouse.Functional.Tests.Api;
using Gatehouse.Testing.Pki;

namespace Gatehouse.Functional.Tests.Declarative;

/// <summary>
/// Names (DESIGN.md §13): an optional unique name on SSL objects and a unique one on services (409 <c>name_conflict</c>),
/// the <c>?name=</c> filter, and a service that names its client object with <c>client_ssl</c>.
/// </summary>
public sealed class ObjectNameTests(GatehouseFixture fixture) : IClassFixture<GatehouseFixture>
{
    private readonly HttpClient _admin = fixture.Process.AdminClient();
    private static readonly TestCert Root = TestPki.CreateRoot("Names Root");

    private static JsonObject Named(JsonObject body, string name)
    {
        body["name"] = name;
        return body;
    }

    [Fact]
    public async Task An_ssl_name_is_unique_listed_and_filterable()
    {
        var first = await _admin.CreateAsync(Named(SslJson.Body(Root.Issue("one.names.test")), "shop-one"));
        Assert.Equal("shop-one", first.GetProperty("name").GetString());

        var duplicate = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", Named(SslJson.Body(Root.Issue("two.names.test")), "shop-one"));
        Assert.True(duplicate.Status == 409, duplicate.Text);
        Assert.Equal("name_conflict", duplicate.Body.Code());
        Assert.Contains(first.Id(), duplicate.Text, StringComparison.Ordinal);

        var malformed = await _admin.SendAsync(HttpMethod.Post, "/api/v1/ssls", Named(SslJson.Body(Root.Issue("three.names.test")), "Shop One"));
        Assert.True(malformed.Status == 400, malformed.Text);
        Assert.Contains(("name", "invalid_parameter"), malformed.Body.Details());
        Assert.DoesNotContain("Shop One", malformed.Text, StringComparison.Ordinal);

        var (status, page, text) = await _admin.SendAsync(HttpMethod.Get, "/api/v1/ssls?name=shop-one");
        Assert.True(status == 200, text);
        Assert.Equal([first.Id()], page.GetProperty("items").EnumerateArray().Select(i => i.Id()));
        var none = await _admin.SendAsync(HttpMethod.Get, "/api/v1/ssls?name=nobody");
        Assert.Empty(none.Body.GetProperty("items").EnumerateArray());

        // PUT replaces every writable field: the name goes with an omitted "name"; then another object may take it.
        var cleared = await _admin.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{first.Id()}", SslJson.Body(Root.Issue("one.names.test")));
        Assert.True(cleared.Status == 200, cleared.Text);
        Assert.Equal(JsonValueKind.Null, cleared.Body.GetProperty("name").ValueKind);
        await _admin.CreateAsync(Named(SslJson.Body(Root.Issue("two.names.test")), "shop-one"));
    }

    [Fact]
    public async Task A_service_name_is_unique_and_a_service_can_name_its_client_object()
    {
        var client = TestPki.SelfSigned(new CertSpec { CommonName = "names-client", DnsNames = null, ExtendedKeyUsages = [Oids.ClientAuth] });
        var clientSsl = await _admin.CreateAsync(Named(SslJson.Body(client, type: "client"), "upstream-client"));

        var body = ServiceJson.Body(["svc.names.test"], upstream: ServiceJson.Upstream(scheme: "https"));
        body["name"] = "names-api";
        body["upstream"]!["client_ssl"] = "upstream-client";
        var service = await _admin.CreateServiceAsync(body);
        Assert.Equal(clientSsl.Id(), service.GetProperty("upstream").GetProperty("client_ssl_id").GetString());

        var again = ServiceJson.Body(["other.names.test"]);
        again["name"] = "names-api";
        var conflict = await _admin.SendAsync(HttpMethod.Post, "/api/v1/services", again);
        Assert.True(conflict.Status == 409, conflict.Text);
        Assert.Equal("name_conflict", conflict.Body.Code());

        var unknown = ServiceJson.Body(["third.names.test"], upstream: ServiceJson.Upstream(scheme: "https"));
        unknown["upstream"]!["client_ssl"] = "no-such-object";
        var missing = await _admin.SendAsync(HttpMethod.Post, "/api/v1/services", unknown);
        Assert.True(missing.Status == 400, missing.Text);
        Assert.Contains(("upstream.client_ssl", "invalid_reference"), missing.Body.Details());

        var (status, page, text) = await _admin.SendAsync(HttpMethod.Get, "/api/v1/services?name=names-api");
        Assert.True(status == 200, text);
        Assert.Equal([service.Id()], page.GetProperty("items").EnumerateArray().Select(i => i.Id()));
    }
}
