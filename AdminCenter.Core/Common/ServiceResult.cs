namespace AdminCenter.Core.Common;

/// <summary>
/// One reason a change was refused, named by the field (Graph property name) it concerns. A conflict is a
/// clash with the tenant's state (a duplicate) rather than bad input.
/// </summary>
public sealed record ValidationProblem(string Field, string Message, bool IsConflict = false)
{
    /// <summary>The field a refusal for a missing permission is reported under.</summary>
    public const string PermissionField = "permission";
}

public enum ServiceOutcome
{
    Succeeded,
    Invalid,
    NotFound,
    Conflict,

    /// <summary>The actor lacks the permission the change needs; nothing was saved (spec 06, Enforcement).</summary>
    Forbidden,
}

/// <summary>The result of a change: the saved value, or why nothing was saved.</summary>
public sealed record ServiceResult<T>(ServiceOutcome Outcome, T? Value, IReadOnlyList<ValidationProblem> Problems)
{
    public bool Succeeded => Outcome == ServiceOutcome.Succeeded;

    public static ServiceResult<T> Success(T value) => new(ServiceOutcome.Succeeded, value, []);

    public static ServiceResult<T> Invalid(IReadOnlyList<ValidationProblem> problems) =>
        new(problems.Any(p => p.IsConflict) ? ServiceOutcome.Conflict : ServiceOutcome.Invalid, default, problems);

    public static ServiceResult<T> NotFound(string field, string message) => new(ServiceOutcome.NotFound, default, [new(field, message)]);

    public static ServiceResult<T> Conflict(string field, string message) => new(ServiceOutcome.Conflict, default, [new(field, message, IsConflict: true)]);

    /// <summary>Refused because the actor lacks <paramref name="needed"/>; the message names it as pages and the API show it.</summary>
    public static ServiceResult<T> Forbidden(AdminCenter.Core.Roles.Permission needed) =>
        new(ServiceOutcome.Forbidden, default, [new(ValidationProblem.PermissionField, $"You don't have permission to do this. It needs {needed}.")])
        {
            MissingPermission = needed,
        };

    /// <summary>The permission whose absence refused the change (Forbidden only), for the API's 403 and the page's message.</summary>
    public AdminCenter.Core.Roles.Permission? MissingPermission { get; init; }

    /// <summary>The message for <paramref name="field"/>, if that field was refused.</summary>
    public string? MessageFor(string field) => Problems.FirstOrDefault(p => p.Field == field)?.Message;
}
