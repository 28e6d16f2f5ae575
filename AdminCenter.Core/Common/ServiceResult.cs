namespace AdminCenter.Core.Common;

/// <summary>
/// One reason a change was refused, named by the field (Graph property name) it concerns. A conflict is a
/// clash with the tenant's state (a duplicate) rather than bad input.
/// </summary>
public sealed record ValidationProblem(string Field, string Message, bool IsConflict = false);

public enum ServiceOutcome
{
    Succeeded,
    Invalid,
    NotFound,
    Conflict,
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

    /// <summary>The message for <paramref name="field"/>, if that field was refused.</summary>
    public string? MessageFor(string field) => Problems.FirstOrDefault(p => p.Field == field)?.Message;
}
