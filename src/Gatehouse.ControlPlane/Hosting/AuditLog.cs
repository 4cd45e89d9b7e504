using Microsoft.Extensions.Logging;

namespace Gatehouse.ControlPlane.Hosting;

/// <summary>
/// One audit line per admin write of the objects whose writers have no audit line of their own: notifiers, ACME issuers
/// and managed (ACME) objects (DESIGN.md §9 "one line per admin write (who, what, ids, revision)", §14 "the audit log
/// names the principal of every write"). Written by the stores, so API and console writes alike are recorded.
/// </summary>
internal sealed partial class AuditLog(AuditActor actor, ILogger<AuditLog> logger)
{
    /// <param name="action">What was done, e.g. <c>create</c>, <c>replace</c>, <c>delete</c>, <c>renew</c>, <c>detach</c>.</param>
    /// <param name="kind">The object's kind, e.g. <c>notifier</c>, <c>acme_issuer</c>, <c>managed_ssl</c>.</param>
    public void Write(string action, string kind, string id, long revision) => LogWrite(logger, actor.Describe(), action, kind, id, revision);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "audit: {Actor} {Action} {Kind} {Id} at revision {Revision}")]
    private static partial void LogWrite(ILogger logger, string actor, string action, string kind, string id, long revision);
}
