using Gatehouse.Core.Validation;

namespace Gatehouse.ControlPlane.Console.Forms;

/// <summary>
/// Errors of one form submission, sorted to the form field they belong to (shown beside it), to the guard
/// panel (would_uncover, in_use, peer_auth_downgrade: overridable with force) or to the top of the form.
/// Messages come from the validators, which never repeat a submitted value.
/// </summary>
public sealed class FormErrors
{
    public static readonly IReadOnlySet<string> GuardCodes = new HashSet<string> { "would_uncover", "in_use", "peer_auth_downgrade" };
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> _fields;

    /// <param name="fields">The form's fields as the API names them; a detail for <c>upstream.targets[0].port</c> goes to <c>upstream.targets</c>.</param>
    public FormErrors(params string[] fields) => _fields = fields;

    public List<string> General { get; } = [];

    public List<ValidationError> Guards { get; } = [];

    public bool Any => _byField.Count > 0 || General.Count > 0 || Guards.Count > 0;

    public bool HasGuards => Guards.Count > 0;

    public IReadOnlyList<string> For(string field) => _byField.GetValueOrDefault(field) ?? [];

    public void Add(string? field, string message)
    {
        var owner = field is null ? null : _fields.FirstOrDefault(f => field == f || field.StartsWith(f + ".", StringComparison.Ordinal) || field.StartsWith(f + "[", StringComparison.Ordinal));
        if (owner is null) General.Add(message);
        else (_byField.TryGetValue(owner, out var list) ? list : _byField[owner] = []).Add(message);
    }

    public void AddAll(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            // The guard summary without a field speaks of ?force=true (the API's switch); the page explains force itself.
            if (GuardCodes.Contains(error.Code)) { if (error.Field is not null) Guards.Add(error); }
            else Add(error.Field, error.Message);
        }
    }

    public void AddAll(DomainError error) => AddAll(error.Details);
}
