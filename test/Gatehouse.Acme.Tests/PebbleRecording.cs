using System.Net;

namespace Gatehouse.Acme.Tests;

/// <summary>
/// An issuance for <c>a.test</c> as pebble 2.4 answered it (URLs, headers and bodies as recorded; nonces shortened),
/// with a pending poll in each wait so the client's polling and <c>Retry-After</c> handling are exercised.
/// </summary>
internal static class PebbleRecording
{
    public const string Base = "https://127.0.0.1:14000";
    public const string Directory = Base + "/dir";
    public const string Token = "Uu0Vm4vNl8cBrQf9xd9nPbZYaLJ4zTbXz0bBmrzKyS8";

    public static string DirectoryBody(bool renewalInfo = false) => $$"""
        {
          "keyChange": "{{Base}}/rollover-account-key",
          "meta": { "externalAccountRequired": false, "termsOfService": "data:text/plain,Do%20what%20thou%20wilt" },
          "newAccount": "{{Base}}/sign-me-up",
          "newNonce": "{{Base}}/nonce-plz",
          "newOrder": "{{Base}}/order-plz",
          {{(renewalInfo ? $"\"renewalInfo\": \"{Base}/draft-ietf-acme-ari-03/renewalInfo/\"," : "")}}
          "revokeCert": "{{Base}}/revoke-cert"
        }
        """;

    public static RecordedExchange[] Account(HttpStatusCode status = HttpStatusCode.Created) =>
    [
        new("GET", Directory, HttpStatusCode.OK, DirectoryBody()),
        new("HEAD", Base + "/nonce-plz", HttpStatusCode.OK, Nonce: "n1"),
        new("POST", Base + "/sign-me-up", status, """
            {"status":"valid","contact":["mailto:ops@a.test"],"orders":"https://127.0.0.1:14000/list-orderz/1"}
            """, Nonce: "n2", Location: Base + "/my-account/1"),
    ];

    public static RecordedExchange[] Issuance(string challengeType) =>
    [
        new("POST", Base + "/order-plz", HttpStatusCode.Created, $$"""
            {"status":"pending","expires":"2026-11-30T18:00:00Z","identifiers":[{"type":"dns","value":"a.test"}],
             "finalize":"{{Base}}/finalize-order/o1","authorizations":["{{Base}}/authZ/z1"]}
            """, Nonce: "n3", Location: Base + "/my-order/o1"),
        new("POST", Base + "/authZ/z1", HttpStatusCode.OK, Authorization("pending"), Nonce: "n4"),
        new("POST", Base + "/chalZ/" + (challengeType == "http-01" ? "c1" : "c2"), HttpStatusCode.OK, $$"""
            {"type":"{{challengeType}}","url":"{{Base}}/chalZ/c1","token":"{{Token}}","status":"processing"}
            """, Nonce: "n5"),
        new("POST", Base + "/authZ/z1", HttpStatusCode.OK, Authorization("pending"), Nonce: "n6", RetryAfter: "0"),
        new("POST", Base + "/authZ/z1", HttpStatusCode.OK, Authorization("valid"), Nonce: "n7"),
        new("POST", Base + "/my-order/o1", HttpStatusCode.OK, Order("ready"), Nonce: "n8"),
        new("POST", Base + "/finalize-order/o1", HttpStatusCode.OK, Order("processing"), Nonce: "n9", Location: Base + "/my-order/o1"),
        new("POST", Base + "/my-order/o1", HttpStatusCode.OK, Order("processing"), Nonce: "n10", RetryAfter: "0"),
        new("POST", Base + "/my-order/o1", HttpStatusCode.OK, Order("valid"), Nonce: "n11"),
        new("POST", Base + "/certZ/s1", HttpStatusCode.OK, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            Nonce: "n12", ContentType: "application/pem-certificate-chain"),
    ];

    public static string Authorization(string status, string? error = null) => $$"""
        {"status":"{{status}}","identifier":{"type":"dns","value":"a.test"},"expires":"2026-11-30T18:00:00Z",
         "challenges":[
           {"type":"http-01","url":"{{Base}}/chalZ/c1","token":"{{Token}}","status":"{{(status == "valid" ? "valid" : status == "invalid" ? "invalid" : "pending")}}"{{error}}},
           {"type":"tls-alpn-01","url":"{{Base}}/chalZ/c2","token":"{{Token}}","status":"pending"},
           {"type":"dns-01","url":"{{Base}}/chalZ/c3","token":"{{Token}}","status":"pending"}]}
        """;

    public static string Order(string status) => $$"""
        {"status":"{{status}}","expires":"2026-11-30T18:00:00Z","identifiers":[{"type":"dns","value":"a.test"}],
         "finalize":"{{Base}}/finalize-order/o1","authorizations":["{{Base}}/authZ/z1"]{{(status == "valid" ? $",\"certificate\":\"{Base}/certZ/s1\"" : "")}}}
        """;
}
