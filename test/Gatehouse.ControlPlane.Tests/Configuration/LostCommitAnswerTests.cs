using System.Net;
using System.Text.Json.Nodes;
using Gatehouse.Testing.Pki;

namespace Gatehouse.ControlPlane.Tests.Configuration;

/// <summary>
/// A commit whose answer is lost (an etcd member dying mid-request: applied or not, the caller cannot tell) is settled
/// through the write fence: the write is answered once, applied once, never refused (issue 11 item 6, docs/decisions.md).
/// </summary>
public sealed class LostCommitAnswerTests
{
    private static JsonObject Ssl(TestCert cert) => new() { ["certificate"] = cert.ChainPem, ["private_key"] = cert.KeyPem };

    [Theory]
    [InlineData(new[] { true })]
    [InlineData(new[] { false })]
    [InlineData(new[] { false, true })]
    [InlineData(new[] { false, false, false })]
    public async Task A_create_whose_commit_answer_is_lost_is_answered_once_and_stored_once(bool[] applied)
    {
        await using var plane = await InProcessControlPlane.StartAsync();
        foreach (var entry in applied) plane.Store.LostCommitAnswers.Enqueue(entry);
        var cert = TestPki.SelfSigned("lost.answer.test");

        var (created, ssl) = await plane.SendAsync(HttpMethod.Post, "/api/v1/ssls", Ssl(cert));

        Assert.True(created == HttpStatusCode.Created, $"{(int)created}: {ssl}");
        Assert.Empty(plane.Store.LostCommitAnswers);
        var (listed, list) = await plane.SendAsync(HttpMethod.Get, "/api/v1/ssls?sni=lost.answer.test");
        Assert.Equal(HttpStatusCode.OK, listed);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(ssl.GetProperty("id").GetString(), Assert.Single(items).GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_update_whose_applied_commit_answer_is_lost_is_answered_with_its_own_revision()
    {
        await using var plane = await InProcessControlPlane.StartAsync();
        var (created, ssl) = await plane.SendAsync(HttpMethod.Post, "/api/v1/ssls", Ssl(TestPki.SelfSigned("update.lost.test")));
        Assert.Equal(HttpStatusCode.Created, created);
        var id = ssl.GetProperty("id").GetString()!;
        plane.Store.LostCommitAnswers.Enqueue(true);

        var (updated, view) = await plane.SendAsync(HttpMethod.Put, $"/api/v1/ssls/{id}", Ssl(TestPki.SelfSigned("update.lost.test")));

        Assert.True(updated == HttpStatusCode.OK, $"{(int)updated}: {view}");
        Assert.Empty(plane.Store.LostCommitAnswers);
        Assert.True(view.GetProperty("revision").GetInt64() > ssl.GetProperty("revision").GetInt64());
        var (read, current) = await plane.SendAsync(HttpMethod.Get, $"/api/v1/ssls/{id}");
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal(view.GetProperty("revision").GetInt64(), current.GetProperty("revision").GetInt64());
    }
}
