namespace Gatehouse.Core.Coverage;

/// <summary>
/// A service host whose peer authentication would change: on or off, or to another CA set. <see cref="EffectiveAt"/>
/// is null when the change happens at once, else the later instant at which selection makes it happen (a candidate
/// crossing its not_before or not_after).
/// </summary>
public sealed record PeerAuthChange(string ServiceId, string Host, bool Before, bool After, bool CaSetChanged, DateTimeOffset? EffectiveAt = null)
{
    /// <summary>Peer authentication lost, or moved to another CA set (guard <c>peer_auth_downgrade</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsDowngrade => Before && (!After || CaSetChanged);
}
